using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A prospect; unique per tenant by e-mail (stored trimmed and lower-cased).</summary>
internal sealed class Lead : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>The owner (user id).</summary>
    public long UserId { get; set; }

    public required string Name { get; set; }
    public required string Email { get; set; }
    public string? Phone { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
