using System.Text.Json;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkshopCrm.Modules.WhatsApp.Connections;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Webhook;

/// <summary>
/// Evolution's deliveries for one instance. Authenticated by the Bearer JWT Evolution signs with the instance's secret
/// (its <c>jwt_key</c>); anything else is a 401 and touches nothing. Answers fast; duplicates (by <c>key.id</c>) are
/// applied once.
/// </summary>
internal sealed class ReceiveWebhook(
    InstanceIdentity identity, ModuleDbFactory<WhatsAppDb> dbs, EvolutionClient gateway, Live.ChatRelay relay, IMemoryCache seen, TimeProvider clock,
    ILogger<ReceiveWebhook> logger)
    : EndpointWithoutRequest<Results<Ok, ProblemHttpResult>>
{
    private static readonly JsonWebTokenHandler Tokens = new();
    private static readonly int[] FinalCloseReasons = [401, 402, 403, 406];

    public override void Configure()
    {
        Post("/api/whatsapp/webhook/{instanceName}");
        AllowAnonymous();
        Summary(s => s.Summary = "Evolution API webhook (CONNECTION_UPDATE, QRCODE_UPDATED, MESSAGES_UPSERT)");
    }

    public override async Task<Results<Ok, ProblemHttpResult>> ExecuteAsync(CancellationToken ct)
    {
        // The body is Evolution's envelope, read as it comes (not bound to a request type).
        var instanceName = Route<string>("instanceName") ?? "";
        if (identity.TenantOf(instanceName) is not { } tenantId || !await IsSignedAsync(instanceName))
            return Problems.Unauthorized("whatsapp.webhook_unauthorized", "Not a delivery from this app's WhatsApp gateway.");

        JsonDocument body;
        try
        {
            body = await JsonDocument.ParseAsync(HttpContext.Request.Body, cancellationToken: ct);
        }
        catch (JsonException)
        {
            return Problems.Of(StatusCodes.Status400BadRequest, "whatsapp.webhook_malformed", "The delivery is not JSON.");
        }

        using var _ = body;
        try
        {
            await ApplyAsync(tenantId, instanceName, body.RootElement, ct);
        }
        catch (InvalidOperationException ex)
        {
            // Signed, but not of the shape Evolution sends (a field of another JSON kind): refused, and said in the log.
            logger.LogWarning("A signed webhook delivery for {Instance} was not of Evolution's shape: {Reason}", instanceName, ex.Message);
            return Malformed;
        }

        return TypedResults.Ok();
    }

    private static ProblemHttpResult Malformed =>
        Problems.Of(StatusCodes.Status400BadRequest, "whatsapp.webhook_malformed", "The delivery is not of Evolution's shape.");

    /// <summary>
    /// One delivery. Reads fields as the kind Evolution sends them; JsonElement throws InvalidOperationException for a
    /// field of another kind (an array where an object belongs, a number where a string does), before anything changes.
    /// </summary>
    private async Task ApplyAsync(long tenantId, string instanceName, JsonElement root, CancellationToken ct)
    {
        if (root.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException("The delivery is not a JSON object.");
        var data = root.TryGetProperty("data", out var d) ? d : default;
        var kind = root.TryGetProperty("event", out var e) ? e.GetString() : null;
        if (kind is "connection.update" or "qrcode.updated" or "messages.upsert" && data.ValueKind != JsonValueKind.Object)
            throw new InvalidOperationException($"{kind} without a data object.");
        switch (kind)
        {
            case "connection.update":
                await ApplyConnectionUpdateAsync(tenantId, instanceName, data, ct);
                break;
            case "qrcode.updated" when data.TryGetProperty("qrcode", out var qr):
                await relay.QrAsync(tenantId, qr.TryGetProperty("base64", out var b) ? b.GetString() : null, ct);
                break;
            case "messages.upsert" when data.TryGetProperty("key", out var key):
                await RelayMessageAsync(tenantId, instanceName, data, key, ct);
                break;
        }
    }

    private async Task<bool> IsSignedAsync(string instanceName)
    {
        var header = HttpContext.Request.Headers.Authorization.ToString();
        if (!header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
            return false;
        var result = await Tokens.ValidateTokenAsync(header["Bearer ".Length..].Trim(), new TokenValidationParameters
        {
            IssuerSigningKey = new SymmetricSecurityKey(System.Text.Encoding.UTF8.GetBytes(identity.WebhookSecretFor(instanceName))),
            ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
            ValidateIssuer = false,
            ValidateAudience = false,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ClockSkew = TimeSpan.FromMinutes(1),
        });
        return result.IsValid
            && result.Claims.TryGetValue("app", out var app) && "evolution".Equals(app as string, StringComparison.Ordinal)
            && result.Claims.TryGetValue("action", out var action) && "webhook".Equals(action as string, StringComparison.Ordinal);
    }

    private async Task ApplyConnectionUpdateAsync(long tenantId, string instanceName, JsonElement data, CancellationToken ct)
    {
        var state = data.TryGetProperty("state", out var s) ? s.GetString() : null;
        var reason = data.TryGetProperty("statusReason", out var r) && r.ValueKind == JsonValueKind.Number ? r.GetInt32() : 0;
        await using var db = dbs.ForTenant(tenantId);
        var connection = await db.Connections.SingleOrDefaultAsync(c => c.InstanceName == instanceName, ct);
        if (connection is null)
            return;
        if (state == "open")
        {
            var phone = EvolutionClient.PhoneOf(data.TryGetProperty("wuid", out var wuid) ? wuid.GetString() : null)
                ?? await gateway.OwnerPhoneAsync(instanceName, ct);
            ConnectionChanges.MarkConnected(db, connection, phone, clock);
        }
        else if (state == "close" && FinalCloseReasons.Contains(reason))
        {
            ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: false);
        }

        await db.SaveChangesAsync(ct);
    }

    private async Task RelayMessageAsync(long tenantId, string instanceName, JsonElement data, JsonElement key, CancellationToken ct)
    {
        var message = EvolutionClient.ReadMessage(data);
        // Per instance (ADR 0013): another company's delivery with the same message id hides nothing here.
        var seenKey = $"whatsapp.seen:{instanceName}:{message.Id}";
        if (message.Id.Length == 0 || seen.TryGetValue(seenKey, out _))
            return; // a delivery Evolution retried, or sent twice: applied once
        var remoteJid = key.TryGetProperty("remoteJid", out var j) ? j.GetString() ?? "" : "";
        var alt = key.TryGetProperty("remoteJidAlt", out var a) ? a.GetString() : null;
        var phone = EvolutionClient.PhoneOf(remoteJid) ?? EvolutionClient.PhoneOf(alt);
        await relay.MessageAsync(tenantId, remoteJid, phone, message, ct);
        if (phone is not null)
        {
            // Only when and which way (seed note 8): Pipeline keeps "awaiting reply" and the deals' timelines from it.
            await using var db = dbs.ForTenant(tenantId);
            db.Publish(new Contracts.WhatsApp.WhatsAppMessageSeen(tenantId, phone, message.FromMe, message.Timestamp, message.Id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
        }
        seen.Set(seenKey, true, TimeSpan.FromHours(1)); // only once relayed: a delivery that failed here is retried whole
    }
}
