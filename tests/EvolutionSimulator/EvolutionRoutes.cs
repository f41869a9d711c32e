using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvolutionSimulator;

/// <summary>
/// The Evolution API v2 subset the CRM uses, with the quirks of tag 2.3.6
/// (see /work/shared/reference/evolution-api-v2.md; section numbers below refer to it).
/// </summary>
internal static class EvolutionRoutes
{
    private static readonly string[] Integrations = ["WHATSAPP-BAILEYS", "WHATSAPP-BUSINESS", "EVOLUTION"];
    private static readonly string[] WebhookRequired = ["enabled", "url"];

    /// <summary>
    /// A lambda taking only HttpContext would bind as a RequestDelegate and its IResult would be dropped
    /// (ASP0016); as a plain Delegate the result is written.
    /// </summary>
    internal static Delegate AsHandler(Func<HttpContext, Task<IResult>> handler) => handler;

    public static void Map(WebApplication app, SimulatorState state, WebhookSender webhooks)
    {
        app.MapPost("/instance/create", AsHandler(ctx => CreateAsync(ctx, state, webhooks)));
        app.MapGet("/instance/connect/{instance}", (HttpContext ctx, string instance) => Connect(ctx, state, webhooks, instance));
        app.MapGet("/instance/connectionState/{instance}", (HttpContext ctx, string instance) => ConnectionState(ctx, state, instance));
        app.MapGet("/instance/fetchInstances", (HttpContext ctx) => FetchInstances(ctx, state));
        app.MapDelete("/instance/logout/{instance}", (HttpContext ctx, string instance) => Logout(ctx, state, webhooks, instance));
        app.MapDelete("/instance/delete/{instance}", (HttpContext ctx, string instance) => Delete(ctx, state, webhooks, instance));
        app.MapPost("/webhook/set/{instance}", (HttpContext ctx, string instance) => SetWebhookAsync(ctx, state, instance));
        app.MapGet("/webhook/find/{instance}", (HttpContext ctx, string instance) => FindWebhook(ctx, state, instance));
        app.MapPost("/chat/findMessages/{instance}", (HttpContext ctx, string instance) => FindMessagesAsync(ctx, state, instance));
        app.MapPost("/chat/findChats/{instance}", (HttpContext ctx, string instance) => FindChatsAsync(ctx, state, instance));
        app.MapPost("/message/sendText/{instance}", (HttpContext ctx, string instance) => SendTextAsync(ctx, state, webhooks, instance));
    }

    // ------------------------------------------------------------------ 2.1 create

    private static async Task<IResult> CreateAsync(HttpContext ctx, SimulatorState state, WebhookSender webhooks)
    {
        var (body, bodyError) = await ReadBodyAsync(ctx);
        if (bodyError is not null)
        {
            return bodyError;
        }
        var name = Str(body, "instanceName");
        PreparedWebhook? created, qrWebhook = null;
        JsonObject response;
        lock (state.Gate)
        {
            // Guard order (index.router.ts): name free (403), then apikey (401; only the global key may create).
            if (!string.IsNullOrEmpty(name) && state.Find(name) is not null)
            {
                return EvolutionJson.Messages(StatusCodes.Status403Forbidden, $"This name \"{name}\" is already in use.");
            }
            if (!IsGlobalKey(ctx, state))
            {
                return EvolutionJson.Unauthorized();
            }
            if (string.IsNullOrWhiteSpace(name))
            {
                return EvolutionJson.Messages(StatusCodes.Status400BadRequest, "instanceName is required");
            }
            var integration = Str(body, "integration");
            if (integration is null || !Integrations.Contains(integration))
            {
                return EvolutionJson.Messages(StatusCodes.Status400BadRequest, "Invalid integration");
            }
            // Quirk: any failure while creating deletes the half-made instance and answers 400 with the
            // error text, so webhook problems surface here as 400 (not as the 500 webhook/set gives).
            WebhookConfig? webhook = null;
            if (body["webhook"] is JsonObject hookBody)
            {
                hookBody["enabled"] = true; // create always saves its webhook enabled
                var (parsed, problem) = ParseWebhook(hookBody, existing: null);
                if (problem is not null)
                {
                    return EvolutionJson.Messages(StatusCodes.Status400BadRequest, problem.Message);
                }
                webhook = parsed;
            }

            var qrcode = Bool(body, "qrcode");
            var number = Str(body, "number");
            var inst = new InstanceData
            {
                Name = name,
                Id = Guid.NewGuid().ToString(),
                // `hash` is a plain string (v1 had {"apikey":..}); your own `token` is used when given.
                Hash = Str(body, "token") is { Length: > 0 } token ? token : Guid.NewGuid().ToString().ToUpperInvariant(),
                Integration = integration,
                Number = number,
                Settings = new InstanceSettings(
                    Bool(body, "rejectCall"), Str(body, "msgCall") ?? "", Bool(body, "groupsIgnore"), Bool(body, "alwaysOnline"),
                    Bool(body, "readMessages"), Bool(body, "readStatus"), Bool(body, "syncFullHistory")),
                Webhook = webhook,
            };
            state.Instances[name] = inst;
            created = state.Prepare(inst, "instance.create", new JsonObject { ["instanceName"] = name, ["instanceId"] = inst.Id });

            response = new JsonObject
            {
                ["instance"] = new JsonObject
                {
                    ["instanceName"] = name,
                    ["instanceId"] = inst.Id,
                    ["integration"] = integration,
                    ["webhookWaBusiness"] = null,
                    ["accessTokenWaBusiness"] = "",
                    ["status"] = SimulatorState.Close,
                },
                ["hash"] = inst.Hash,
                ["webhook"] = webhook is null ? new JsonObject() : new JsonObject
                {
                    ["webhookUrl"] = webhook.Url,
                    ["webhookHeaders"] = EvolutionJson.Headers(webhook.Headers),
                    ["webhookByEvents"] = webhook.ByEvents,
                    ["webhookBase64"] = webhook.Base64,
                },
                ["websocket"] = new JsonObject(),
                ["rabbitmq"] = new JsonObject(),
                ["nats"] = new JsonObject(),
                ["sqs"] = new JsonObject(),
                ["settings"] = EvolutionJson.Settings(inst.Settings),
            };
            // qrcode:true starts the socket and returns the first QR (Evolution waits ~5 s; we do not);
            // with `number` a pairing code too. Without qrcode the property is absent and status is "close".
            if (qrcode && integration == "WHATSAPP-BAILEYS")
            {
                (var qr, qrWebhook) = state.NewQr(inst, number);
                response["instance"]!["status"] = SimulatorState.Connecting;
                response["qrcode"] = EvolutionJson.QrCode(qr, inst.QrCount);
            }
        }
        webhooks.Enqueue(created);
        webhooks.Enqueue(qrWebhook);
        return EvolutionJson.Result(response, StatusCodes.Status201Created);
    }

    // ------------------------------------------------------------------ 2.2 connect, 2.3 connectionState

    private static IResult Connect(HttpContext ctx, SimulatorState state, WebhookSender webhooks, string instance)
    {
        PreparedWebhook? webhook;
        JsonObject response;
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            // Quirk: polymorphic 200. Open: the connectionState shape; otherwise a bare QR object.
            if (inst.State == SimulatorState.Open)
            {
                return EvolutionJson.Result(EvolutionJson.ConnectionState(inst));
            }
            var (qr, hook) = state.NewQr(inst, ctx.Request.Query["number"].FirstOrDefault());
            webhook = hook;
            response = EvolutionJson.QrCode(qr, inst.QrCount);
        }
        webhooks.Enqueue(webhook);
        return EvolutionJson.Result(response);
    }

    private static IResult ConnectionState(HttpContext ctx, SimulatorState state, string instance)
    {
        lock (state.Gate)
        {
            return Guard(ctx, state, instance, out var inst) ?? EvolutionJson.Result(EvolutionJson.ConnectionState(inst));
        }
    }

    // ------------------------------------------------------------------ 2.4 fetchInstances

    private static IResult FetchInstances(HttpContext ctx, SimulatorState state)
    {
        var key = ctx.Request.Headers["apikey"].ToString();
        var byName = ctx.Request.Query["instanceName"].FirstOrDefault();
        var byId = ctx.Request.Query["instanceId"].FirstOrDefault();
        lock (state.Gate)
        {
            IEnumerable<InstanceData> rows = state.Instances.Values.OrderBy(i => i.CreatedAt);
            if (!IsGlobalKey(ctx, state))
            {
                // An instance key lists only the instances with that token; one matching nothing is 401.
                rows = [.. rows.Where(i => key.Length > 0 && i.Hash == key)];
                if (!rows.Any())
                {
                    return EvolutionJson.Unauthorized();
                }
            }
            if (!string.IsNullOrEmpty(byName))
            {
                rows = [.. rows.Where(i => i.Name == byName)];
                if (!rows.Any())
                {
                    return EvolutionJson.Messages(StatusCodes.Status404NotFound, $"Instance \"{byName}\" not found");
                }
            }
            if (!string.IsNullOrEmpty(byId))
            {
                rows = rows.Where(i => i.Id == byId);
            }
            return EvolutionJson.Result(new JsonArray([.. rows.Select(i => (JsonNode)EvolutionJson.InstanceRow(i))]));
        }
    }

    // ------------------------------------------------------------------ 2.5 logout, delete

    private static IResult Logout(HttpContext ctx, SimulatorState state, WebhookSender webhooks, string instance)
    {
        PreparedWebhook? webhook;
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            if (inst.State == SimulatorState.Close)
            {
                return EvolutionJson.Messages(StatusCodes.Status400BadRequest, $"The \"{instance}\" instance is not connected");
            }
            webhook = LogOut(state, inst);
        }
        webhooks.Enqueue(webhook);
        return EvolutionJson.Result(EvolutionJson.Success("Instance logged out"));
    }

    private static IResult Delete(HttpContext ctx, SimulatorState state, WebhookSender webhooks, string instance)
    {
        PreparedWebhook? loggedOut = null, deleted;
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            // Logs out first when open or connecting; removes chats, messages and the webhook with it.
            if (inst.State != SimulatorState.Close)
            {
                loggedOut = LogOut(state, inst);
            }
            deleted = state.Prepare(inst, "instance.delete", new JsonObject { ["instanceName"] = inst.Name, ["instanceId"] = inst.Id });
            state.Instances.Remove(instance);
        }
        webhooks.Enqueue(loggedOut);
        webhooks.Enqueue(deleted);
        return EvolutionJson.Result(EvolutionJson.Success("Instance deleted"));
    }

    /// <summary>Baileys logout: the session is wiped (close, statusReason 401, a new QR is needed).</summary>
    internal static PreparedWebhook? LogOut(SimulatorState state, InstanceData inst)
    {
        inst.State = SimulatorState.Close;
        inst.Qr = null;
        inst.DisconnectionReasonCode = 401;
        inst.DisconnectionAt = DateTimeOffset.UtcNow;
        inst.UpdatedAt = DateTimeOffset.UtcNow;
        return state.Prepare(inst, "connection.update",
            new JsonObject { ["instance"] = inst.Name, ["state"] = SimulatorState.Close, ["statusReason"] = 401 });
    }

    // ------------------------------------------------------------------ 2.6 webhook/set, webhook/find

    private static async Task<IResult> SetWebhookAsync(HttpContext ctx, SimulatorState state, string instance)
    {
        var (body, bodyError) = await ReadBodyAsync(ctx);
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            if (bodyError is not null)
            {
                return bodyError;
            }
            // Quirk: v2 wants the nested body; the flat body of the docs/v1 fails schema validation.
            if (body["webhook"] is not JsonObject hookBody)
            {
                return EvolutionJson.Schema(["instance requires property \"webhook\""]);
            }
            var missing = WebhookRequired.Where(p => hookBody[p] is null).Select(p => $"webhook requires property \"{p}\"").ToList();
            if (missing.Count > 0)
            {
                return EvolutionJson.Schema(missing);
            }
            var (parsed, problem) = ParseWebhook(hookBody, inst.Webhook);
            if (problem is not null)
            {
                return problem.Status == StatusCodes.Status500InternalServerError
                    ? EvolutionJson.InternalError(problem.Message)
                    : EvolutionJson.Messages(problem.Status, problem.Message);
            }
            inst.Webhook = parsed;
            return EvolutionJson.Result(EvolutionJson.WebhookRow(parsed!, inst.Id), StatusCodes.Status201Created);
        }
    }

    private static IResult FindWebhook(HttpContext ctx, SimulatorState state, string instance)
    {
        lock (state.Gate)
        {
            return Guard(ctx, state, instance, out var inst)
                ?? EvolutionJson.Result(inst.Webhook is { } w ? EvolutionJson.WebhookRow(w, inst.Id) : null);
        }
    }

    private sealed record WebhookProblem(int Status, string Message);

    /// <summary>The `webhook` object of create and webhook/set (src webhook.controller.ts set()).</summary>
    private static (WebhookConfig? Config, WebhookProblem? Problem) ParseWebhook(JsonObject hook, WebhookConfig? existing)
    {
        var url = Str(hook, "url");
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            return (null, new WebhookProblem(StatusCodes.Status400BadRequest, "Invalid \"url\" property"));
        }
        var enabled = Bool(hook, "enabled");
        List<string> events;
        if (!enabled)
        {
            events = []; // enabled:false clears the list
        }
        else if (hook["events"] is JsonArray list)
        {
            events = [.. list.Select(e => e?.GetValueKind() == JsonValueKind.String ? e.GetValue<string>() : e?.ToJsonString() ?? "null")];
            var unknown = events.FirstOrDefault(e => !SimulatorState.AllEvents.Contains(e));
            if (unknown is not null)
            {
                return (null, new WebhookProblem(StatusCodes.Status400BadRequest,
                    $"webhook.events[{events.IndexOf(unknown)}] is not one of enum values: {string.Join(',', SimulatorState.AllEvents)}"));
            }
            if (events.Count == 0)
            {
                events = [.. SimulatorState.AllEvents]; // quirk: [] is stored as the full list
            }
        }
        else
        {
            // Quirk [inf]: Evolution reads events.length without a guard, so an enabled webhook without
            // `events` throws (a 500 from webhook/set; a 400 from create, which wraps every failure).
            return (null, new WebhookProblem(StatusCodes.Status500InternalServerError, "Cannot read properties of undefined (reading 'length')"));
        }
        var headers = new Dictionary<string, string>(StringComparer.Ordinal);
        if (hook["headers"] is JsonObject h)
        {
            foreach (var (name, value) in h)
            {
                headers[name] = value?.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value?.ToJsonString() ?? "";
            }
        }
        var now = DateTimeOffset.UtcNow;
        return (new WebhookConfig(existing?.Id ?? Ids.Cuid(), url!, enabled, Bool(hook, "byEvents"), Bool(hook, "base64"),
            headers, events, existing?.CreatedAt ?? now, now), null);
    }

    // ------------------------------------------------------------------ 2.7 findMessages

    private static async Task<IResult> FindMessagesAsync(HttpContext ctx, SimulatorState state, string instance)
    {
        var (body, bodyError) = await ReadBodyAsync(ctx);
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            if (bodyError is not null)
            {
                return bodyError;
            }
            var where = body["where"] as JsonObject;
            var key = where?["key"] as JsonObject;
            IEnumerable<StoredMessage> query = inst.Messages;
            // remoteJid must match exactly as stored (an @lid chat is not found by its phone JID).
            if (Str(key, "remoteJid") is { } remoteJid)
            {
                query = query.Where(m => m.RemoteJid == remoteJid);
            }
            if (Str(key, "id") is { } id)
            {
                query = query.Where(m => m.KeyId == id);
            }
            // Quirk: fromMe:true filters; fromMe:false is ignored.
            if (Bool(key, "fromMe"))
            {
                query = query.Where(m => m.FromMe);
            }
            if (Str(where, "messageType") is { } type && type != "conversation")
            {
                query = [];
            }
            // Quirk: `offset` is the page size (default 50), `page` is 1-based (v1 used `limit`).
            var size = Math.Max(1, Int(body, "offset") ?? 50);
            var page = Math.Max(1, Int(body, "page") ?? 1);
            var all = query.OrderByDescending(m => m.Seq).ToList();
            var records = all.Skip((page - 1) * size).Take(size).Select(m => (JsonNode)EvolutionJson.MessageRecord(m, inst.Id));
            return EvolutionJson.Result(new JsonObject
            {
                ["messages"] = new JsonObject
                {
                    ["total"] = all.Count,
                    ["pages"] = (all.Count + size - 1) / size,
                    ["currentPage"] = page,
                    ["records"] = new JsonArray([.. records]),
                },
            });
        }
    }

    // ------------------------------------------------------------------ 2.8 findChats

    private static async Task<IResult> FindChatsAsync(HttpContext ctx, SimulatorState state, string instance)
    {
        var (body, bodyError) = await ReadBodyAsync(ctx);
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            if (bodyError is not null)
            {
                return bodyError;
            }
            var filter = Str(body["where"] as JsonObject, "remoteJid");
            // Chats are built from stored messages: a chat without messages does not exist.
            // Paging is take/skip here (findMessages uses page/offset).
            var chats = inst.Messages
                .GroupBy(m => m.RemoteJid)
                .Where(g => filter is null || g.Key == filter)
                .Select(g => (Jid: g.Key, Messages: g.OrderBy(m => m.Seq).ToList()))
                .OrderByDescending(c => c.Messages[^1].Seq)
                .Skip(Math.Max(0, Int(body, "skip") ?? 0))
                .Take(Math.Max(0, Int(body, "take") ?? int.MaxValue));
            var now = DateTimeOffset.UtcNow.ToUnixTimeSeconds();
            var rows = chats.Select(c =>
            {
                var last = c.Messages[^1];
                var lastOutgoing = c.Messages.FindLastIndex(m => m.FromMe);
                var lastIncoming = c.Messages.LastOrDefault(m => !m.FromMe);
                var lastMessage = EvolutionJson.MessageRecord(last, inst.Id);
                lastMessage.Remove("MessageUpdate");
                return (JsonNode)new JsonObject
                {
                    ["id"] = inst.ChatIds[c.Jid],
                    ["remoteJid"] = c.Jid,
                    ["pushName"] = lastIncoming?.PushName,
                    ["profilePicUrl"] = null,
                    ["updatedAt"] = EvolutionJson.Iso(DateTimeOffset.FromUnixTimeSeconds(last.Timestamp)),
                    ["windowStart"] = lastIncoming is null ? null : EvolutionJson.Iso(DateTimeOffset.FromUnixTimeSeconds(lastIncoming.Timestamp)),
                    ["windowExpires"] = lastIncoming is null ? null : EvolutionJson.Iso(DateTimeOffset.FromUnixTimeSeconds(lastIncoming.Timestamp + 86_400)),
                    ["windowActive"] = lastIncoming is not null && now - lastIncoming.Timestamp < 86_400,
                    ["unreadCount"] = c.Messages.Skip(lastOutgoing + 1).Count(m => !m.FromMe),
                    ["isSaved"] = false,
                    ["lastMessage"] = lastMessage,
                };
            });
            return EvolutionJson.Result(new JsonArray([.. rows]));
        }
    }

    // ------------------------------------------------------------------ 2.9 sendText

    private static async Task<IResult> SendTextAsync(HttpContext ctx, SimulatorState state, WebhookSender webhooks, string instance)
    {
        var (body, bodyError) = await ReadBodyAsync(ctx);
        int delayMs;
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            if (bodyError is not null)
            {
                return bodyError;
            }
            if (Validate(body) is { } invalid)
            {
                return invalid;
            }
            delayMs = Math.Max(0, Int(body, "delay") ?? 0);
        }
        // `delay` shows "typing..." first and the HTTP call blocks for that long.
        if (delayMs > 0)
        {
            await Task.Delay(delayMs, ctx.RequestAborted);
        }

        var number = Str(body, "number")!;
        var text = Str(body, "text")!;
        PreparedWebhook? webhook;
        JsonObject response;
        lock (state.Gate)
        {
            if (Guard(ctx, state, instance, out var inst) is { } denied)
            {
                return denied;
            }
            // Baileys fails before the number check when the socket is not open.
            if (inst.State != SimulatorState.Open)
            {
                return EvolutionJson.Messages(StatusCodes.Status400BadRequest, "Connection Closed");
            }
            var jid = number.Contains('@', StringComparison.Ordinal) ? number : new string([.. number.Where(char.IsAsciiDigit)]) + "@s.whatsapp.net";
            // Quirk: an unregistered number is a 400 whose message is an array of objects. Here every
            // number starting with 5500 is "not on WhatsApp".
            if (jid.EndsWith("@s.whatsapp.net", StringComparison.Ordinal) && (jid.StartsWith("5500", StringComparison.Ordinal) || jid.StartsWith('@')))
            {
                return EvolutionJson.Error(StatusCodes.Status400BadRequest,
                    new JsonArray(new JsonObject { ["jid"] = jid, ["exists"] = false, ["number"] = number }));
            }
            // Quirk: key.remoteJid can differ from the number sent. A contact already seen with a LID
            // (an incoming "lid" message) is answered in its @lid chat, the phone JID in remoteJidAlt.
            string? jidAlt = null;
            if (jid.EndsWith("@s.whatsapp.net", StringComparison.Ordinal) && state.KnownLid(jid.Split('@')[0]) is { } lidJid)
            {
                (jid, jidAlt) = (lidJid, jid);
            }
            var now = DateTimeOffset.UtcNow;
            var message = new StoredMessage(Ids.Cuid(), Ids.SentMessageId(), jid, jidAlt, FromMe: true, PushName: "Você",
                text, now.ToUnixTimeSeconds(), "PENDING", "unknown", state.NextSeq());
            // The answer says PENDING, as Evolution's does; the contact's phone (always online here) has it a moment
            // later, so the stored message is delivered (findMessages shows DELIVERY_ACK, READ once the contact writes).
            inst.Store(message with { Status = "DELIVERY_ACK" });
            state.Sent.Add((number, text));
            response = EvolutionJson.Message(message, inst.Id);
            // API sends fire send.message (not messages.upsert) to subscribers of SEND_MESSAGE.
            webhook = state.Prepare(inst, "send.message", EvolutionJson.Message(message, inst.Id));
        }
        webhooks.Enqueue(webhook);
        return EvolutionJson.Result(response, StatusCodes.Status201Created);
    }

    /// <summary>textMessageSchema: number and text required strings; then "Text is required" for blank text.</summary>
    private static IResult? Validate(JsonObject body)
    {
        var problems = new List<string>();
        if (body["number"] is null)
        {
            problems.Add("instance requires property \"number\"");
        }
        else if (body["number"]!.GetValueKind() != JsonValueKind.String)
        {
            problems.Add("Invalid format"); // numberDefinition's description replaces the jsonschema text
        }
        if (body["text"] is null)
        {
            // Quirk: the v1 body {"textMessage":{"text":..}} lands here (issue #2570).
            problems.Add("instance requires property \"text\"");
        }
        else if (body["text"]!.GetValueKind() != JsonValueKind.String)
        {
            problems.Add("text is not of a type(s) string");
        }
        if (problems.Count > 0)
        {
            return EvolutionJson.Schema(problems);
        }
        return string.IsNullOrWhiteSpace(Str(body, "text"))
            ? EvolutionJson.Messages(StatusCodes.Status400BadRequest, "Text is required")
            : null;
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>
    /// Guard order of index.router.ts: the instance must exist (404, even with a bad key), then the
    /// apikey must be the global key or this instance's hash (401). Call under the lock.
    /// </summary>
    private static IResult? Guard(HttpContext ctx, SimulatorState state, string instance, out InstanceData inst)
    {
        inst = state.Find(instance)!;
        if (inst is null)
        {
            return EvolutionJson.InstanceNotFound(instance);
        }
        var key = ctx.Request.Headers["apikey"].ToString();
        return key == state.ApiKey || key == inst.Hash ? null : EvolutionJson.Unauthorized();
    }

    private static bool IsGlobalKey(HttpContext ctx, SimulatorState state) => ctx.Request.Headers["apikey"].ToString() == state.ApiKey;

    /// <summary>Express's json() parser: no body is {}; broken JSON is a 400.</summary>
    private static async Task<(JsonObject Body, IResult? Error)> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body);
        var text = await reader.ReadToEndAsync(ctx.RequestAborted);
        if (string.IsNullOrWhiteSpace(text))
        {
            return ([], null);
        }
        try
        {
            return JsonNode.Parse(text) switch
            {
                JsonObject o => (o, null),
                _ => ([], EvolutionJson.Schema(["instance is not of a type(s) object"])),
            };
        }
        catch (JsonException e)
        {
            return ([], EvolutionJson.Error(StatusCodes.Status400BadRequest, e.Message));
        }
    }

    private static string? Str(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool Bool(JsonObject? o, string name) => o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static int? Int(JsonObject? o, string name) =>
        o?[name] is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<int>(out var i) ? i
        : o?[name] is JsonValue s && s.GetValueKind() == JsonValueKind.Number ? (int)Math.Clamp(s.GetValue<double>(), int.MinValue, int.MaxValue)
        : null;
}
