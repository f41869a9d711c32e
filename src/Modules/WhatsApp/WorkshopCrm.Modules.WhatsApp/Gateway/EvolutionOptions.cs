using System.ComponentModel.DataAnnotations;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.WhatsApp.Gateway;

/// <summary>Configuration section "EvolutionApi".</summary>
internal sealed class EvolutionOptions
{
    public const string Section = "EvolutionApi";

    /// <summary>The gateway (EvolutionApi__BaseUrl); without it WhatsApp answers 503 and the rest of the CRM works.</summary>
    public string? BaseUrl { get; set; }

    /// <summary>The gateway's global key (EvolutionApi__ApiKey), sent as the <c>apikey</c> header.</summary>
    public string? ApiKey { get; set; }

    /// <summary>Where the gateway reaches this app, when that is not App__PublicUrl (e.g. http://app:8080 in compose).</summary>
    public string? WebhookBaseUrl { get; set; }

    /// <summary>Every WhatsApp request to the gateway ends within this, retries included (API.md: 503 within 10 s).</summary>
    [TimeSpanRange("00:00:01", "00:00:30")]
    public TimeSpan TotalTimeout { get; set; } = TimeSpan.FromSeconds(8);
}

/// <summary>
/// The tenant's instance name and its webhook secret, both derived from the app's signing key: stable, unguessable,
/// and nothing to store (docs/adr/0013).
/// </summary>
internal sealed class InstanceIdentity(IOptions<JwtOptions> jwt, IOptions<EvolutionOptions> evolution, IOptions<AppOptions> app)
{
    public string InstanceNameFor(long tenantId) => $"crm-{tenantId}-{Derive($"whatsapp-instance:{tenantId}")[..20]}";

    /// <summary>The HS256 secret Evolution signs this instance's webhook deliveries with (its <c>jwt_key</c> header).</summary>
    public string WebhookSecretFor(string instanceName) => Derive($"whatsapp-webhook:{instanceName}");

    public string WebhookUrlFor(string instanceName) =>
        (string.IsNullOrWhiteSpace(evolution.Value.WebhookBaseUrl) ? app.Value.PublicUrl : evolution.Value.WebhookBaseUrl).TrimEnd('/')
        + $"/api/whatsapp/webhook/{instanceName}";

    /// <summary>The tenant a webhook's instance name belongs to, or null when the name is not one this app would make.</summary>
    public long? TenantOf(string instanceName)
    {
        var parts = instanceName.Split('-');
        return parts.Length == 3 && parts[0] == "crm" && long.TryParse(parts[1], out var tenantId)
            && CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(InstanceNameFor(tenantId)), Encoding.ASCII.GetBytes(instanceName))
            ? tenantId
            : null;
    }

    private string Derive(string purpose) =>
        Convert.ToHexStringLower(HMACSHA256.HashData(jwt.Value.KeyBytes, Encoding.UTF8.GetBytes(purpose)));
}
