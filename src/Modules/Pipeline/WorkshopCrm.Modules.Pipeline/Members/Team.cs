using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Members;

/// <summary>The people of the caller's company as the pipeline knows them.</summary>
internal sealed class Team(PipelineDb db, ICurrentUser caller)
{
    /// <summary>
    /// Makes sure the caller is in the projection. Its token proves it is an Active user of the tenant, so a request
    /// that arrives before the UserRegistered event was consumed (a brand-new company) still works.
    /// </summary>
    public async Task EnsureCallerAsync(CancellationToken ct)
    {
        if (await db.Members.AnyAsync(m => m.UserId == caller.UserId, ct))
            return;

        var roleId = caller.IsBusinessOwner ? RoleIds.BusinessOwner : RoleIds.Salesperson;
        await Member.AddIfMissingAsync(db, caller.UserId, caller.TenantId, caller.Name, caller.Email, roleId, isActive: true, ct);
    }

    /// <summary>True when <paramref name="userId"/> is an Active member of the caller's tenant (a valid owner).</summary>
    public Task<bool> IsActiveMemberAsync(long userId, CancellationToken ct) =>
        db.Members.AnyAsync(m => m.UserId == userId && m.IsActive, ct);
}
