using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Team;

/// <summary>
/// Serialises changes to one company's team (row lock on its tenant): two owners deactivating each other at the
/// same moment cannot leave the company without an active owner.
/// </summary>
internal static class TeamLock
{
    public static Task TakeAsync(IdentityDb db, long tenantId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT 1 FROM identity.tenants WHERE id = {tenantId} FOR UPDATE", ct);
}
