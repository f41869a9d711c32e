using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Tenants;

/// <summary>A company: the root of multi-tenancy.</summary>
internal sealed class Tenant : IHasTimestamps
{
    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
