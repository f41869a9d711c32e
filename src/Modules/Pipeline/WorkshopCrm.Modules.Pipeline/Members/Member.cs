using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Members;

/// <summary>pipeline.members: the module's copy of the tenant's users (ARCHITECTURE.md), kept by Identity's events.</summary>
internal sealed class Member : ITenantScoped
{
    public long UserId { get; set; }
    public long TenantId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public long RoleId { get; set; }
    public bool IsActive { get; set; }
}
