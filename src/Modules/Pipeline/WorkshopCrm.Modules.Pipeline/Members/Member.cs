using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
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

    /// <summary>
    /// Adds the member unless its row is there already: an existing row (from the caller's token, or renamed since)
    /// is at least as new as what the caller knows, so it is never overwritten.
    /// </summary>
    public static Task AddIfMissingAsync(PipelineDb db, long userId, long tenantId, string name, string email, long roleId, bool isActive, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO pipeline.members (user_id, tenant_id, name, email, role_id, is_active)
             VALUES ({userId}, {tenantId}, {name}, {email}, {roleId}, {isActive})
             ON CONFLICT (user_id) DO NOTHING
             """, ct);
}
