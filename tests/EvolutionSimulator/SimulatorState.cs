using System.Security.Cryptography;
using System.Text.Json.Nodes;

namespace EvolutionSimulator;

/// <summary>
/// All in-memory state of the simulator. Every read or write of the mutable objects below happens
/// under <see cref="Gate"/>; webhooks are prepared under the lock and sent after it is released.
/// </summary>
internal sealed class SimulatorState(string apiKey)
{
    public const string Close = "close";
    public const string Connecting = "connecting";
    public const string Open = "open";

    /// <summary>UPPER_SNAKE names allowed in webhook `events` (src event.controller.ts). `[]` expands to all of them.</summary>
    public static readonly IReadOnlyList<string> AllEvents =
    [
        "APPLICATION_STARTUP", "QRCODE_UPDATED", "MESSAGES_SET", "MESSAGES_UPSERT", "MESSAGES_EDITED",
        "MESSAGES_UPDATE", "MESSAGES_DELETE", "SEND_MESSAGE", "CONTACTS_SET", "CONTACTS_UPSERT",
        "CONTACTS_UPDATE", "PRESENCE_UPDATE", "CHATS_SET", "CHATS_UPSERT", "CHATS_UPDATE", "CHATS_DELETE",
        "GROUPS_UPSERT", "GROUP_UPDATE", "GROUP_PARTICIPANTS_UPDATE", "CONNECTION_UPDATE", "LABELS_EDIT",
        "LABELS_ASSOCIATION", "CALL", "TYPEBOT_START", "TYPEBOT_CHANGE_STATUS", "REMOVE_INSTANCE",
        "LOGOUT_INSTANCE", "INSTANCE_CREATE", "INSTANCE_DELETE", "STATUS_INSTANCE",
    ];

    private readonly Dictionary<string, string> _lidByPhone = new(StringComparer.Ordinal);
    private FaultSettings _faults = FaultSettings.None;
    private long _seq;

    public Lock Gate { get; } = new();

    /// <summary>The global key (env AUTHENTICATION_API_KEY in the real thing).</summary>
    public string ApiKey { get; } = apiKey;

    /// <summary>`server_url` in webhook envelopes; set once Kestrel has bound its address.</summary>
    public string ServerUrl { get; set; } = "";

    /// <summary>By instance name (the `{instance}` of every route is the name, not the id; issue #1312).</summary>
    public Dictionary<string, InstanceData> Instances { get; } = new(StringComparer.Ordinal);

    /// <summary>What the CRM sent through sendText, in order: the `number` as given and the text.</summary>
    public List<(string Number, string Text)> Sent { get; } = [];

    /// <summary>Read without the lock: a reference swap.</summary>
    public FaultSettings Faults
    {
        get => Volatile.Read(ref _faults);
        set => Volatile.Write(ref _faults, value);
    }

    public long NextSeq() => ++_seq;

    public InstanceData? Find(string name) => Instances.GetValueOrDefault(name);

    /// <summary>A made-up, stable LID for a phone (a contact has one LID across instances). Call under the lock.</summary>
    public string LidFor(string phoneDigits)
    {
        if (!_lidByPhone.TryGetValue(phoneDigits, out var lid))
        {
            lid = "1" + Ids.Digits(14) + "@lid";
            _lidByPhone[phoneDigits] = lid;
        }
        return lid;
    }

    /// <summary>The LID of a phone already seen as a LID contact, else null. Call under the lock.</summary>
    public string? KnownLid(string phoneDigits) => _lidByPhone.GetValueOrDefault(phoneDigits);

    /// <summary>
    /// A new QR for the instance (count rises per QR) and its qrcode.updated webhook, if subscribed.
    /// pairingCode is only set when a phone number was given (create `number` / connect `?number=`).
    /// </summary>
    public (QrCode Qr, PreparedWebhook? Webhook) NewQr(InstanceData inst, string? number)
    {
        var code = "2@" + Ids.Base64(48) + "," + Ids.Base64(32) + "," + Ids.Base64(32) + "," + Ids.Base64(32);
        var qr = new QrCode(code, "data:image/png;base64," + Convert.ToBase64String(QrImage.Png(code)),
            string.IsNullOrWhiteSpace(number) ? null : Ids.Upper(8));
        inst.State = Connecting;
        inst.Qr = qr;
        inst.QrCount++;
        inst.UpdatedAt = DateTimeOffset.UtcNow;
        var data = new JsonObject
        {
            ["qrcode"] = new JsonObject
            {
                ["instance"] = inst.Name,
                ["pairingCode"] = qr.PairingCode,
                ["code"] = qr.Code,
                ["base64"] = qr.Base64,
            },
        };
        return (qr, Prepare(inst, "qrcode.updated", data));
    }

    /// <summary>
    /// Builds the webhook for an event, or null when the instance has no enabled webhook listing that event.
    /// Call under the lock. The result is remembered as the instance's last webhook (for redeliver-last).
    /// </summary>
    public PreparedWebhook? Prepare(InstanceData inst, string eventName, JsonNode data)
    {
        var hook = inst.Webhook;
        // Event names go out lower.dot (messages.upsert) but are configured UPPER_SNAKE (MESSAGES_UPSERT).
        var configName = eventName.Replace('.', '_').Replace('-', '_').ToUpperInvariant();
        if (hook is null || !hook.Enabled || !hook.Events.Contains(configName))
        {
            return null;
        }
        // byEvents: POST to url + "/" + kebab-case event (e.g. /messages-upsert); `destination` stays the base url.
        var target = hook.ByEvents ? $"{hook.Url}/{configName.Replace('_', '-').ToLowerInvariant()}" : hook.Url;
        var envelope = new JsonObject
        {
            ["event"] = eventName,
            ["instance"] = inst.Name,
            ["data"] = data,
            ["destination"] = hook.Url,
            ["date_time"] = EvolutionJson.Iso(DateTimeOffset.UtcNow),
            ["sender"] = inst.OwnerJid,
            ["server_url"] = ServerUrl,
            // Only with AUTHENTICATION_EXPOSE_IN_FETCH_INSTANCES=true; the default is null.
            ["apikey"] = null,
        };
        var prepared = new PreparedWebhook(eventName, inst.Name, target, hook.Headers, EvolutionJson.Serialize(envelope));
        inst.LastWebhook = prepared;
        return prepared;
    }

    public IReadOnlyList<SimulatedInstance> SnapshotInstances()
    {
        lock (Gate)
        {
            return [.. Instances.Values.OrderBy(i => i.CreatedAt).Select(i => new SimulatedInstance(
                i.Name, i.Id, i.Hash, i.Integration, i.State, i.OwnerJid, i.ProfileName, i.QrCount,
                i.Webhook is { } w ? new SimulatedWebhook(w.Url, w.Enabled, w.ByEvents, w.Base64, w.Headers, w.Events) : null,
                [.. i.Messages.Select(m => m.ToPublic())]))];
        }
    }

    public IReadOnlyList<(string Number, string Text)> SnapshotSent()
    {
        lock (Gate)
        {
            return [.. Sent];
        }
    }

    public void Reset()
    {
        lock (Gate)
        {
            Instances.Clear();
            Sent.Clear();
            _lidByPhone.Clear();
        }
        Faults = FaultSettings.None;
    }
}

/// <summary>One WhatsApp instance. Mutable; touch only under <see cref="SimulatorState.Gate"/>.</summary>
internal sealed class InstanceData
{
    public required string Name { get; init; }
    public required string Id { get; init; }
    /// <summary>The instance apikey ("hash" in the create response; "token" in fetchInstances).</summary>
    public required string Hash { get; init; }
    public required string Integration { get; init; }
    public required InstanceSettings Settings { get; init; }
    public string? Number { get; init; }
    public string State { get; set; } = SimulatorState.Close;
    public string? OwnerJid { get; set; }
    public string? ProfileName { get; set; }
    public QrCode? Qr { get; set; }
    public int QrCount { get; set; }
    public WebhookConfig? Webhook { get; set; }
    public int? DisconnectionReasonCode { get; set; }
    public DateTimeOffset? DisconnectionAt { get; set; }
    public DateTimeOffset CreatedAt { get; init; } = DateTimeOffset.UtcNow;
    public DateTimeOffset UpdatedAt { get; set; } = DateTimeOffset.UtcNow;
    /// <summary>All messages of all chats, in arrival order (chats are derived from these).</summary>
    public List<StoredMessage> Messages { get; } = [];
    /// <summary>Stable chat row ids by remoteJid.</summary>
    public Dictionary<string, string> ChatIds { get; } = new(StringComparer.Ordinal);
    public PreparedWebhook? LastWebhook { get; set; }

    public void Store(StoredMessage message)
    {
        if (!ChatIds.ContainsKey(message.RemoteJid))
        {
            ChatIds[message.RemoteJid] = Ids.Cuid();
        }
        Messages.Add(message);
        UpdatedAt = DateTimeOffset.UtcNow;
    }

    /// <summary>The contact of a chat read what was sent to it (WhatsApp's blue ticks): those messages become READ.</summary>
    public void MarkReadIn(string remoteJid)
    {
        for (var i = 0; i < Messages.Count; i++)
        {
            if (Messages[i] is { FromMe: true } sent && sent.RemoteJid == remoteJid && sent.Status != "READ")
            {
                Messages[i] = sent with { Status = "READ" };
            }
        }
    }
}

internal sealed record InstanceSettings(
    bool RejectCall, string MsgCall, bool GroupsIgnore, bool AlwaysOnline, bool ReadMessages, bool ReadStatus, bool SyncFullHistory);

internal sealed record QrCode(string Code, string Base64, string? PairingCode);

/// <summary>The stored webhook of an instance; `Events` is already expanded (`[]` + enabled = all events).</summary>
internal sealed record WebhookConfig(
    string Id, string Url, bool Enabled, bool ByEvents, bool Base64,
    IReadOnlyDictionary<string, string> Headers, IReadOnlyList<string> Events,
    DateTimeOffset CreatedAt, DateTimeOffset UpdatedAt);

/// <summary>One stored message. `Seq` orders messages (timestamps are whole seconds and tie).</summary>
internal sealed record StoredMessage(
    string DbId, string KeyId, string RemoteJid, string? RemoteJidAlt, bool FromMe, string? PushName,
    string Text, long Timestamp, string Status, string Source, long Seq)
{
    public SimulatedMessage ToPublic() => new(KeyId, RemoteJid, RemoteJidAlt, FromMe, PushName, Text, Timestamp, Status);
}

/// <summary>A webhook ready to send: the exact body, so that a redelivery is byte-identical.</summary>
internal sealed record PreparedWebhook(string Event, string Instance, string Url, IReadOnlyDictionary<string, string> Headers, string Body);

internal sealed record FaultSettings(FaultMode Mode, int DelayMs)
{
    public static readonly FaultSettings None = new(FaultMode.None, 0);
}

/// <summary>Random identifiers in the formats Evolution / WhatsApp use.</summary>
internal static class Ids
{
    private const string Alnum = "abcdefghijklmnopqrstuvwxyz0123456789";
    private const string UpperAlnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    /// <summary>Prisma cuid-like row id ("cm..." 25 chars).</summary>
    public static string Cuid() => "cm" + RandomNumberGenerator.GetString(Alnum, 23);

    public static string Hex(int length) => RandomNumberGenerator.GetHexString(length);

    public static string Digits(int length) => RandomNumberGenerator.GetString("0123456789", length);

    public static string Upper(int length) => RandomNumberGenerator.GetString(UpperAlnum, length);

    public static string Base64(int bytes) => Convert.ToBase64String(RandomNumberGenerator.GetBytes(bytes));

    /// <summary>Key id of a message sent through the API (Baileys: "BAE5" + 12 hex).</summary>
    public static string SentMessageId() => "BAE5" + Hex(12);

    /// <summary>Key id of a message typed on a phone (WhatsApp: "3EB0" + 16 hex).</summary>
    public static string PhoneMessageId() => "3EB0" + Hex(16);
}
