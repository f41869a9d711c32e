using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Options;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Gateway;

/// <summary>
/// The gateway said no (4xx): what it said, flattened from its envelope. Unless a slice expects it (a number not on
/// WhatsApp), it surfaces as a 503 like any other gateway failure.
/// </summary>
internal sealed class EvolutionRejected(HttpStatusCode status, string message)
    : DependencyUnavailableException(EvolutionClient.Unavailable, $"The WhatsApp gateway refused the request: {message}")
{
    public string GatewayMessage { get; } = message;

    public HttpStatusCode Status { get; } = status;
}

internal sealed record QrCode(string? DataUrl, string? PairingCode);

/// <summary>What <c>GET /instance/connect</c> answered: a QR to scan, or that the phone is already connected.</summary>
internal sealed record ConnectAnswer(QrCode? Qr, string? State);

internal sealed record GatewayChat(string RemoteJid, string? RemoteJidAlt, string? Name, DateTimeOffset? LastMessageAt, int UnreadCount);

internal sealed record GatewayMessage(string Id, bool FromMe, string? Text, DateTimeOffset Timestamp, string? Status);

/// <summary>
/// A typed client for Evolution API v2 as it really behaves (shared/reference/evolution-api-v2.md): the apikey header,
/// the error envelope whose <c>message</c> is a string, a list, a list of lists or a list of objects, the polymorphic
/// <c>connect</c>, failures as HTTP 200 <c>{error:true}</c>. Anything that is not an answer — down, slow, 5xx, an open
/// circuit — becomes <see cref="DependencyUnavailableException"/> (503 whatsapp.gateway_unavailable).
/// </summary>
internal sealed class EvolutionClient(HttpClient http, IOptions<EvolutionOptions> options)
{
    public const string Unavailable = "whatsapp.gateway_unavailable";
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);
    private static readonly string[] Events = ["CONNECTION_UPDATE", "QRCODE_UPDATED", "MESSAGES_UPSERT"];

    public async Task<(string? InstanceId, QrCode? Qr)> CreateInstanceAsync(string instanceName, string webhookUrl, string webhookSecret, CancellationToken ct)
    {
        var body = new
        {
            instanceName,
            integration = "WHATSAPP-BAILEYS",
            qrcode = true,
            groupsIgnore = true,
            webhook = new { url = webhookUrl, byEvents = false, base64 = false, headers = new Dictionary<string, string> { ["jwt_key"] = webhookSecret }, events = Events },
        };
        var root = await SendAsync(HttpMethod.Post, "instance/create", body, ct);
        var instanceId = root.TryGetProperty("instance", out var instance) && instance.TryGetProperty("instanceId", out var id) ? id.GetString() : null;
        return (instanceId, root.TryGetProperty("qrcode", out var qr) ? ReadQr(qr) : null);
    }

    /// <summary>Makes sure the instance's webhook points here with the right secret (nested v2 body).</summary>
    public Task SetWebhookAsync(string instanceName, string webhookUrl, string webhookSecret, CancellationToken ct) =>
        SendAsync(HttpMethod.Post, $"webhook/set/{Uri.EscapeDataString(instanceName)}", new
        {
            webhook = new { enabled = true, url = webhookUrl, byEvents = false, base64 = false, headers = new Dictionary<string, string> { ["jwt_key"] = webhookSecret }, events = Events },
        }, ct);

    public async Task<ConnectAnswer> ConnectAsync(string instanceName, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Get, $"instance/connect/{Uri.EscapeDataString(instanceName)}", null, ct);
        if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.True)
            throw new EvolutionRejected(HttpStatusCode.BadRequest, root.TryGetProperty("message", out var m) ? Flatten(m) : "The gateway could not connect.");
        if (root.TryGetProperty("instance", out var instance) && instance.TryGetProperty("state", out var state))
            return new ConnectAnswer(null, state.GetString());
        return new ConnectAnswer(ReadQr(root), "connecting");
    }

    public async Task<string?> ConnectionStateAsync(string instanceName, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Get, $"instance/connectionState/{Uri.EscapeDataString(instanceName)}", null, ct);
        return root.TryGetProperty("instance", out var instance) && instance.TryGetProperty("state", out var state) ? state.GetString() : null;
    }

    /// <summary>The connected phone (digits), from the instance's <c>ownerJid</c>.</summary>
    public async Task<string?> OwnerPhoneAsync(string instanceName, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Get, $"instance/fetchInstances?instanceName={Uri.EscapeDataString(instanceName)}", null, ct);
        var row = root.ValueKind == JsonValueKind.Array ? root.EnumerateArray().FirstOrDefault() : default;
        return row.ValueKind == JsonValueKind.Object && row.TryGetProperty("ownerJid", out var jid) ? PhoneOf(jid.GetString()) : null;
    }

    public async Task LogoutAndDeleteAsync(string instanceName, CancellationToken ct)
    {
        foreach (var path in new[] { "instance/logout/", "instance/delete/" })
        {
            try
            {
                await SendAsync(HttpMethod.Delete, path + Uri.EscapeDataString(instanceName), null, ct);
            }
            catch (EvolutionRejected)
            {
                // already logged out (400) or already gone (404): the goal holds
            }
        }
    }

    public async Task<IReadOnlyList<GatewayChat>> FindChatsAsync(string instanceName, int skip, int take, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Post, $"chat/findChats/{Uri.EscapeDataString(instanceName)}", new { take, skip }, ct);
        return root.ValueKind != JsonValueKind.Array ? [] : root.EnumerateArray().Select(c =>
        {
            var last = c.TryGetProperty("lastMessage", out var l) && l.ValueKind == JsonValueKind.Object ? l : default;
            var alt = last.ValueKind == JsonValueKind.Object && last.TryGetProperty("key", out var k) && k.TryGetProperty("remoteJidAlt", out var a) ? a.GetString() : null;
            return new GatewayChat(
                Str(c, "remoteJid") ?? "",
                alt,
                Str(c, "pushName"),
                last.ValueKind == JsonValueKind.Object ? Timestamp(last) : null,
                c.TryGetProperty("unreadCount", out var u) && u.ValueKind == JsonValueKind.Number ? u.GetInt32() : 0);
        }).ToList();
    }

    public async Task<IReadOnlyList<GatewayMessage>> FindMessagesAsync(string instanceName, string remoteJid, int page, int pageSize, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Post, $"chat/findMessages/{Uri.EscapeDataString(instanceName)}",
            new { where = new { key = new { remoteJid } }, page, offset = pageSize }, ct);
        if (!root.TryGetProperty("messages", out var messages) || !messages.TryGetProperty("records", out var records))
            return [];
        return records.EnumerateArray().Select(ReadMessage).ToList();
    }

    public async Task<string> SendTextAsync(string instanceName, string number, string text, CancellationToken ct)
    {
        var root = await SendAsync(HttpMethod.Post, $"message/sendText/{Uri.EscapeDataString(instanceName)}", new { number, text }, ct);
        return root.TryGetProperty("key", out var key) ? Str(key, "id") ?? "" : "";
    }

    public static GatewayMessage ReadMessage(JsonElement m)
    {
        var key = m.GetProperty("key");
        var status = m.TryGetProperty("status", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString()
            : m.TryGetProperty("MessageUpdate", out var u) && u.ValueKind == JsonValueKind.Array && u.GetArrayLength() > 0 ? Str(u[u.GetArrayLength() - 1], "status") : null;
        return new GatewayMessage(Str(key, "id") ?? "", key.TryGetProperty("fromMe", out var f) && f.ValueKind == JsonValueKind.True,
            TextOf(m), Timestamp(m) ?? DateTimeOffset.UnixEpoch, status);
    }

    /// <summary>"5511…@s.whatsapp.net" → "5511…"; LIDs and groups are not phones.</summary>
    public static string? PhoneOf(string? jid) =>
        jid is not null && jid.EndsWith("@s.whatsapp.net", StringComparison.Ordinal) ? jid.Split('@')[0].Split(':')[0] : null;

    private async Task<JsonElement> SendAsync(HttpMethod method, string path, object? body, CancellationToken ct)
    {
        if (string.IsNullOrWhiteSpace(options.Value.BaseUrl))
            throw new DependencyUnavailableException(Unavailable, "WhatsApp is not set up on this server (EvolutionApi__BaseUrl).");

        using var request = new HttpRequestMessage(method, path);
        if (body is not null)
            request.Content = JsonContent.Create(body, options: Json);
        HttpResponseMessage response;
        try
        {
            response = await http.SendAsync(request, ct);
        }
        catch (Exception ex) when (ex is HttpRequestException or TimeoutException or Polly.CircuitBreaker.BrokenCircuitException
                                       or Polly.Timeout.TimeoutRejectedException
                                       || (ex is OperationCanceledException && !ct.IsCancellationRequested))
        {
            throw new DependencyUnavailableException(Unavailable, "WhatsApp is not answering right now; try again in a moment.", ex);
        }

        using (response)
        {
            var text = await response.Content.ReadAsStringAsync(ct);
            if ((int)response.StatusCode >= 500)
                throw new DependencyUnavailableException(Unavailable, "WhatsApp is not answering right now; try again in a moment.");
            using var document = text.Length == 0 ? JsonDocument.Parse("{}") : JsonDocument.Parse(text);
            var root = document.RootElement.Clone();
            if (!response.IsSuccessStatusCode)
                throw new EvolutionRejected(response.StatusCode, ErrorMessage(root));
            return root;
        }
    }

    /// <summary>The envelope's <c>response.message</c>: a string, a list of strings, a list of lists or a list of objects.</summary>
    internal static string ErrorMessage(JsonElement root) =>
        root.TryGetProperty("response", out var response) && response.TryGetProperty("message", out var message) ? Flatten(message) : "The gateway refused the request.";

    private static string Flatten(JsonElement message) => message.ValueKind switch
    {
        JsonValueKind.String => message.GetString() ?? "",
        JsonValueKind.Array => string.Join("; ", message.EnumerateArray().Select(Flatten)),
        JsonValueKind.Object when message.TryGetProperty("exists", out var exists) && exists.ValueKind == JsonValueKind.False =>
            $"{Str(message, "number")} is not on WhatsApp",
        JsonValueKind.Object => message.GetRawText(),
        _ => message.ToString(),
    };

    private static QrCode ReadQr(JsonElement qr) => new(Str(qr, "base64"), Str(qr, "pairingCode"));

    private static string? TextOf(JsonElement m)
    {
        if (!m.TryGetProperty("message", out var message) || message.ValueKind != JsonValueKind.Object)
            return null;
        if (Str(message, "conversation") is { } text)
            return text;
        return message.TryGetProperty("extendedTextMessage", out var extended) ? Str(extended, "text") : null;
    }

    private static DateTimeOffset? Timestamp(JsonElement m) =>
        !m.TryGetProperty("messageTimestamp", out var t) ? null
        : t.ValueKind == JsonValueKind.Number ? DateTimeOffset.FromUnixTimeSeconds(t.GetInt64())
        : long.TryParse(t.GetString(), out var seconds) ? DateTimeOffset.FromUnixTimeSeconds(seconds) : null;

    private static string? Str(JsonElement e, string name) =>
        e.ValueKind == JsonValueKind.Object && e.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;
}
