using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvolutionSimulator;

/// <summary>
/// "Playing the phone" and injecting faults: /_sim/... (no apikey). The same operations back the C#
/// methods of <see cref="RunningSimulator"/>. Phone actions wait until their webhook has been delivered
/// (or has failed all attempts), so a test can assert right after the call returns.
/// </summary>
internal static class ControlRoutes
{
    public static void Map(WebApplication app, SimulatorControl control)
    {
        var sim = app.MapGroup("/_sim");

        sim.MapPost("/instances/{instance}/scan", (HttpContext ctx, string instance) => Run(ctx, async (body, ct) =>
        {
            var outcome = await control.ScanAsync(instance, Str(body, "phone") ?? "", Str(body, "profileName"), ct);
            return new JsonObject { ["ok"] = true, ["webhook"] = outcome?.ToJson() };
        }));

        sim.MapPost("/instances/{instance}/incoming", (HttpContext ctx, string instance) => Run(ctx, async (body, ct) =>
        {
            var (message, outcome) = await control.IncomingAsync(instance, Str(body, "from") ?? "", Str(body, "text") ?? "",
                Str(body, "pushName"), body["lid"]?.GetValueKind() == JsonValueKind.True, Str(body, "id"), ct);
            return new JsonObject { ["ok"] = true, ["message"] = JsonSerializer.SerializeToNode(message, EvolutionJson.WebOptions), ["webhook"] = outcome?.ToJson() };
        }));

        sim.MapPost("/instances/{instance}/redeliver-last", (HttpContext ctx, string instance) => Run(ctx, async (_, ct) =>
        {
            var outcome = await control.RedeliverLastAsync(instance, ct);
            return new JsonObject { ["ok"] = true, ["webhook"] = outcome.ToJson() };
        }));

        sim.MapPost("/instances/{instance}/logout-from-phone", (HttpContext ctx, string instance) => Run(ctx, async (_, ct) =>
        {
            var outcome = await control.LogoutFromPhoneAsync(instance, ct);
            return new JsonObject { ["ok"] = true, ["webhook"] = outcome?.ToJson() };
        }));

        sim.MapPost("/faults", EvolutionRoutes.AsHandler(ctx => Run(ctx, (body, _) =>
        {
            var modeText = Str(body, "mode") ?? "none";
            if (!Enum.TryParse<FaultMode>(modeText, ignoreCase: true, out var mode) || !Enum.IsDefined(mode))
            {
                throw new ArgumentException($"unknown fault mode \"{modeText}\" (none|slow|error500|down)");
            }
            var delayMs = body["delayMs"] is JsonValue d && d.TryGetValue<int>(out var ms) ? ms : 15_000;
            control.SetFaults(mode, delayMs);
            return Task.FromResult(new JsonObject { ["ok"] = true, ["faults"] = control.FaultsJson() });
        })));

        sim.MapPost("/reset", EvolutionRoutes.AsHandler(ctx => Run(ctx, (_, _) =>
        {
            control.Reset();
            return Task.FromResult(new JsonObject { ["ok"] = true });
        })));

        sim.MapGet("/state", () => EvolutionJson.Result(control.Dump()));
    }

    /// <summary>Reads the optional JSON body, runs the action, maps failures to 400/404/409 {"error":..}.</summary>
    private static async Task<IResult> Run(HttpContext ctx, Func<JsonObject, CancellationToken, Task<JsonObject>> action)
    {
        JsonObject body;
        try
        {
            using var reader = new StreamReader(ctx.Request.Body);
            var text = await reader.ReadToEndAsync(ctx.RequestAborted);
            body = string.IsNullOrWhiteSpace(text) ? [] : JsonNode.Parse(text) as JsonObject ?? [];
        }
        catch (JsonException e)
        {
            return Fail(StatusCodes.Status400BadRequest, e.Message);
        }
        try
        {
            return EvolutionJson.Result(await action(body, ctx.RequestAborted));
        }
        catch (KeyNotFoundException e)
        {
            return Fail(StatusCodes.Status404NotFound, e.Message);
        }
        catch (InvalidOperationException e)
        {
            return Fail(StatusCodes.Status409Conflict, e.Message);
        }
        catch (ArgumentException e)
        {
            return Fail(StatusCodes.Status400BadRequest, e.Message);
        }
    }

    private static IResult Fail(int status, string message) => EvolutionJson.Result(new JsonObject { ["error"] = message }, status);

    private static string? Str(JsonObject o, string name) =>
        o[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;
}

/// <summary>
/// The phone side and the fault switch. Unknown instance: <see cref="KeyNotFoundException"/>; an action
/// the phone could not do in the current state: <see cref="InvalidOperationException"/>; bad input:
/// <see cref="ArgumentException"/>.
/// </summary>
internal sealed class SimulatorControl(SimulatorState state, WebhookSender webhooks)
{
    /// <summary>The phone scans the QR: state open, ownerJid set, connection.update open (statusReason 200).</summary>
    public async Task<WebhookOutcome?> ScanAsync(string instance, string phone, string? profileName, CancellationToken ct)
    {
        var digits = Digits(phone);
        if (digits.Length == 0)
        {
            throw new ArgumentException("phone is required (digits with country code, e.g. 5511999990000)");
        }
        PreparedWebhook? webhook;
        lock (state.Gate)
        {
            var inst = Get(instance);
            if (inst.State != SimulatorState.Connecting)
            {
                throw new InvalidOperationException(
                    $"instance \"{instance}\" shows no QR code to scan (state {inst.State}); create it with qrcode:true or call /instance/connect first");
            }
            inst.State = SimulatorState.Open;
            inst.OwnerJid = digits + "@s.whatsapp.net";
            inst.ProfileName = profileName;
            inst.Qr = null;
            inst.DisconnectionReasonCode = null;
            inst.DisconnectionAt = null;
            inst.UpdatedAt = DateTimeOffset.UtcNow;
            webhook = state.Prepare(inst, "connection.update", new JsonObject
            {
                ["instance"] = inst.Name,
                ["state"] = SimulatorState.Open,
                ["statusReason"] = 200,
                ["wuid"] = inst.OwnerJid,
                ["profileName"] = profileName,
                ["profilePictureUrl"] = null,
            });
        }
        return webhook is null ? null : await webhooks.DeliverInOrderAsync(webhook, ct);
    }

    /// <summary>
    /// A contact writes to the instance's phone: the message is stored (once per id), the messages sent to that
    /// chat before it are READ (who answers has read them), and messages.upsert is sent (every time, so posting the
    /// same id twice exercises the CRM's dedupe). With <paramref name="lid"/>
    /// the chat is "&lt;digits&gt;@lid" and key.remoteJidAlt carries the phone JID (Baileys 7).
    /// </summary>
    public async Task<(SimulatedMessage Message, WebhookOutcome? Webhook)> IncomingAsync(
        string instance, string from, string text, string? pushName, bool lid, string? id, CancellationToken ct)
    {
        var digits = Digits(from.Split('@')[0]);
        if (digits.Length == 0)
        {
            throw new ArgumentException("from is required (the sender's phone, digits with country code)");
        }
        if (string.IsNullOrEmpty(text))
        {
            throw new ArgumentException("text is required");
        }
        PreparedWebhook? webhook;
        StoredMessage message;
        lock (state.Gate)
        {
            var inst = Get(instance);
            if (inst.State != SimulatorState.Open)
            {
                throw new InvalidOperationException($"instance \"{instance}\" is not connected (state {inst.State}); scan it first");
            }
            var phoneJid = digits + "@s.whatsapp.net";
            var keyId = string.IsNullOrWhiteSpace(id) ? Ids.PhoneMessageId() : id;
            message = new StoredMessage(Ids.Cuid(), keyId, lid ? state.LidFor(digits) : phoneJid, lid ? phoneJid : null,
                FromMe: false, pushName, text, DateTimeOffset.UtcNow.ToUnixTimeSeconds(), "DELIVERY_ACK", "android", state.NextSeq());
            if (!inst.Messages.Any(m => m.KeyId == keyId))
            {
                inst.MarkReadIn(message.RemoteJid);
                inst.Store(message);
            }
            webhook = state.Prepare(inst, "messages.upsert", EvolutionJson.Message(message, inst.Id));
        }
        var outcome = webhook is null ? null : await webhooks.DeliverInOrderAsync(webhook, ct);
        return (message.ToPublic(), outcome);
    }

    /// <summary>Sends the instance's last webhook again, byte for byte (same date_time, same key.id).</summary>
    public async Task<WebhookOutcome> RedeliverLastAsync(string instance, CancellationToken ct)
    {
        PreparedWebhook webhook;
        lock (state.Gate)
        {
            webhook = Get(instance).LastWebhook
                ?? throw new InvalidOperationException($"instance \"{instance}\" has sent no webhook yet");
        }
        return await webhooks.DeliverInOrderAsync(webhook, ct);
    }

    /// <summary>"Linked devices → log out" on the phone: state close, connection.update close with statusReason 401.</summary>
    public async Task<WebhookOutcome?> LogoutFromPhoneAsync(string instance, CancellationToken ct)
    {
        PreparedWebhook? webhook;
        lock (state.Gate)
        {
            var inst = Get(instance);
            if (inst.State != SimulatorState.Open)
            {
                throw new InvalidOperationException($"instance \"{instance}\" is not connected (state {inst.State})");
            }
            webhook = EvolutionRoutes.LogOut(state, inst);
        }
        return webhook is null ? null : await webhooks.DeliverInOrderAsync(webhook, ct);
    }

    public void SetFaults(FaultMode mode, int delayMs)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(delayMs);
        state.Faults = new FaultSettings(mode, delayMs);
    }

    public void Reset()
    {
        state.Reset();
        webhooks.ResetCounters();
    }

    public JsonObject FaultsJson()
    {
        var f = state.Faults;
        return new JsonObject { ["mode"] = f.Mode.ToString().ToLowerInvariant(), ["delayMs"] = f.DelayMs };
    }

    /// <summary>GET /_sim/state: everything, for debugging.</summary>
    public JsonObject Dump()
    {
        var instances = new JsonArray();
        lock (state.Gate)
        {
            foreach (var i in state.Instances.Values.OrderBy(i => i.CreatedAt))
            {
                var row = EvolutionJson.InstanceRow(i);
                row["qrCount"] = i.QrCount;
                row["webhook"] = i.Webhook is { } w ? EvolutionJson.WebhookRow(w, i.Id) : null;
                row["messages"] = new JsonArray([.. i.Messages.Select(m => (JsonNode)EvolutionJson.MessageRecord(m, i.Id))]);
                instances.Add(row);
            }
        }
        var attempts = webhooks.Attempts;
        return new JsonObject
        {
            ["serverUrl"] = state.ServerUrl,
            ["instances"] = instances,
            ["sentMessages"] = new JsonArray([.. state.SnapshotSent().Select(s => (JsonNode)new JsonObject { ["number"] = s.Number, ["text"] = s.Text })]),
            ["faults"] = FaultsJson(),
            ["webhookDeliveries"] = webhooks.Deliveries,
            ["webhookAttempts"] = JsonSerializer.SerializeToNode(attempts.Skip(Math.Max(0, attempts.Count - 100)), EvolutionJson.WebOptions),
        };
    }

    private InstanceData Get(string instance) =>
        state.Find(instance) ?? throw new KeyNotFoundException($"The \"{instance}\" instance does not exist");

    private static string Digits(string value) => new([.. value.Where(char.IsAsciiDigit)]);
}
