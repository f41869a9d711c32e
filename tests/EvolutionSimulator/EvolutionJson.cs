using System.Globalization;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace EvolutionSimulator;

/// <summary>
/// JSON shapes that Evolution API v2 (tag 2.3.6) puts on the wire: the error envelope, stored messages,
/// chats, instance rows and webhook rows. Everything is built as fresh <see cref="JsonNode"/> trees so
/// that nulls are written exactly where Evolution writes them.
/// </summary>
internal static class EvolutionJson
{
    /// <summary>Express writes raw UTF-8 ("Olá"), not \u00E1 escapes.</summary>
    public static readonly JsonSerializerOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>camelCase, for the simulator's own /_sim answers.</summary>
    public static readonly JsonSerializerOptions WebOptions = new(JsonSerializerDefaults.Web) { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Serialize(JsonNode? node) => node?.ToJsonString(Options) ?? "null";

    public static IResult Result(JsonNode? node, int status = StatusCodes.Status200OK) =>
        Results.Text(Serialize(node), "application/json; charset=utf-8", Encoding.UTF8, status);

    /// <summary>"2025-10-21T11:40:39.123Z", like JavaScript's Date.toISOString().</summary>
    public static string Iso(DateTimeOffset at) =>
        at.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture);

    // ------------------------------------------------------------------ errors
    // Quirk: one envelope {"status","error","response":{"message":...}} whose `message` changes type:
    // a string for 401, an array of strings for 400/403/404, an array of arrays for schema errors,
    // an array of objects for an unregistered number.

    public static IResult Error(int status, JsonNode? message) => Result(new JsonObject
    {
        ["status"] = status,
        ["error"] = ReasonPhrase(status),
        ["response"] = new JsonObject { ["message"] = message },
    }, status);

    /// <summary>401: message is the plain string "Unauthorized".</summary>
    public static IResult Unauthorized() => Error(StatusCodes.Status401Unauthorized, "Unauthorized");

    /// <summary>400/403/404: message is an array of strings.</summary>
    public static IResult Messages(int status, params string[] messages) => Error(status, StringArray(messages));

    /// <summary>400 from JSON-schema validation: message is an array holding one array of strings.</summary>
    public static IResult Schema(IEnumerable<string> problems) => Error(StatusCodes.Status400BadRequest, new JsonArray(StringArray(problems)));

    public static IResult InstanceNotFound(string instance) =>
        Messages(StatusCodes.Status404NotFound, $"The \"{instance}\" instance does not exist");

    /// <summary>Express's catch-all: 404 ["Cannot GET /x?y"], no apikey needed.</summary>
    public static IResult RouteNotFound(HttpContext ctx) =>
        Messages(StatusCodes.Status404NotFound, $"Cannot {ctx.Request.Method.ToUpperInvariant()} {ctx.Request.Path}{ctx.Request.QueryString}");

    /// <summary>What an unhandled exception inside Evolution looks like (issue #1412).</summary>
    public static IResult InternalError(JsonNode message) => Error(StatusCodes.Status500InternalServerError, message);

    private static string ReasonPhrase(int status) => status switch
    {
        400 => "Bad Request",
        401 => "Unauthorized",
        403 => "Forbidden",
        404 => "Not Found",
        _ => "Internal Server Error",
    };

    private static JsonArray StringArray(IEnumerable<string> values) => new([.. values.Select(v => (JsonNode?)JsonValue.Create(v))]);

    // ------------------------------------------------------------------ messages

    public static JsonObject Key(StoredMessage m)
    {
        var key = new JsonObject { ["remoteJid"] = m.RemoteJid, ["fromMe"] = m.FromMe, ["id"] = m.KeyId };
        if (m.RemoteJidAlt is not null)
        {
            // Quirk (Baileys 7, issues #2466/#2272): a LID chat carries the phone JID in remoteJidAlt.
            key["remoteJidAlt"] = m.RemoteJidAlt;
            key["addressingMode"] = "lid";
        }
        return key;
    }

    /// <summary>The message as sendText returns it and as messages.upsert / send.message carry it in `data`.</summary>
    public static JsonObject Message(StoredMessage m, string instanceId) => new()
    {
        ["key"] = Key(m),
        ["pushName"] = m.PushName,
        ["status"] = m.Status,
        ["message"] = new JsonObject { ["conversation"] = m.Text },
        ["contextInfo"] = null,
        ["messageType"] = "conversation",
        // Quirk: a number (unix seconds) in v2.3.6; the docs show a string.
        ["messageTimestamp"] = m.Timestamp,
        ["instanceId"] = instanceId,
        ["source"] = m.Source,
    };

    /// <summary>A stored Message row as findMessages returns it (with its MessageUpdate relation).</summary>
    public static JsonObject MessageRecord(StoredMessage m, string instanceId) => new()
    {
        ["id"] = m.DbId,
        ["key"] = Key(m),
        ["pushName"] = m.PushName,
        ["participant"] = null,
        ["messageType"] = "conversation",
        ["message"] = new JsonObject { ["conversation"] = m.Text },
        ["contextInfo"] = null,
        ["source"] = m.Source,
        ["messageTimestamp"] = m.Timestamp,
        ["instanceId"] = instanceId,
        ["sessionId"] = null,
        ["status"] = m.Status,
        ["MessageUpdate"] = new JsonArray(new JsonObject { ["status"] = m.Status }),
    };

    // ------------------------------------------------------------------ instances and webhooks

    public static JsonObject Settings(InstanceSettings s) => new()
    {
        ["rejectCall"] = s.RejectCall,
        ["msgCall"] = s.MsgCall,
        ["groupsIgnore"] = s.GroupsIgnore,
        ["alwaysOnline"] = s.AlwaysOnline,
        ["readMessages"] = s.ReadMessages,
        ["readStatus"] = s.ReadStatus,
        ["syncFullHistory"] = s.SyncFullHistory,
        ["wavoipToken"] = "",
    };

    public static JsonObject Headers(IReadOnlyDictionary<string, string> headers)
    {
        var o = new JsonObject();
        foreach (var (name, value) in headers)
        {
            o[name] = value;
        }
        return o;
    }

    /// <summary>The stored Webhook row (webhook/set response, webhook/find).</summary>
    public static JsonObject WebhookRow(WebhookConfig w, string instanceId) => new()
    {
        ["id"] = w.Id,
        ["url"] = w.Url,
        ["headers"] = Headers(w.Headers),
        ["enabled"] = w.Enabled,
        ["events"] = StringArray(w.Events),
        ["webhookByEvents"] = w.ByEvents,
        ["webhookBase64"] = w.Base64,
        ["createdAt"] = Iso(w.CreatedAt),
        ["updatedAt"] = Iso(w.UpdatedAt),
        ["instanceId"] = instanceId,
    };

    /// <summary>A raw Instance row as fetchInstances returns it (v2: name/ownerJid/token, not instance.instanceName).</summary>
    public static JsonObject InstanceRow(InstanceData i) => new()
    {
        ["id"] = i.Id,
        ["name"] = i.Name,
        ["connectionStatus"] = i.State,
        ["ownerJid"] = i.OwnerJid,
        ["profileName"] = i.ProfileName,
        ["profilePicUrl"] = null,
        ["integration"] = i.Integration,
        // Quirk: `number` only echoes what create got; the connected phone is in ownerJid.
        ["number"] = i.Number,
        ["businessId"] = null,
        ["token"] = i.Hash,
        ["clientName"] = "evolution_exchange",
        ["disconnectionReasonCode"] = i.DisconnectionReasonCode,
        ["disconnectionObject"] = null,
        ["disconnectionAt"] = i.DisconnectionAt is { } at ? Iso(at) : null,
        ["createdAt"] = Iso(i.CreatedAt),
        ["updatedAt"] = Iso(i.UpdatedAt),
        ["Chatwoot"] = null,
        ["Proxy"] = null,
        ["Rabbitmq"] = null,
        ["Nats"] = null,
        ["Sqs"] = null,
        ["Websocket"] = null,
        ["Setting"] = Settings(i.Settings),
        ["_count"] = new JsonObject
        {
            ["Message"] = i.Messages.Count,
            ["Contact"] = i.Messages.Where(m => !m.FromMe).Select(m => m.RemoteJid).Distinct().Count(),
            ["Chat"] = i.Messages.Select(m => m.RemoteJid).Distinct().Count(),
        },
    };

    public static JsonObject ConnectionState(InstanceData i) =>
        new() { ["instance"] = new JsonObject { ["instanceName"] = i.Name, ["state"] = i.State } };

    public static JsonObject QrCode(QrCode qr, int count) => new()
    {
        ["pairingCode"] = qr.PairingCode,
        ["code"] = qr.Code,
        ["base64"] = qr.Base64,
        ["count"] = count,
    };

    public static JsonObject Success(string message) => new()
    {
        ["status"] = "SUCCESS",
        ["error"] = false,
        ["response"] = new JsonObject { ["message"] = message },
    };
}
