using Microsoft.EntityFrameworkCore;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Hands out pooled module DbContexts bound to a tenant (or to none). Consumers and background jobs use it;
/// request code gets the scoped context already bound to the caller's tenant.
/// </summary>
public sealed class ModuleDbFactory<TDb>(IDbContextFactory<TDb> pool, TimeProvider clock) where TDb : ModuleDbContext
{
    /// <summary>A unit of work that sees and writes only <paramref name="tenantId"/>'s rows.</summary>
    public TDb ForTenant(long tenantId) => Create(tenantId, allTenants: false);

    /// <summary>A unit of work bound to no tenant: tenant-scoped rows are invisible, to EF and to the database.</summary>
    public TDb WithoutTenant() => Create(null, allTenants: false);

    /// <summary>
    /// A unit of work that crosses tenants on purpose: the database lets it see and write every tenant's rows (its
    /// queries still say IgnoreQueryFilters). Only for work that cannot know the tenant before it reads: signing in by
    /// e-mail, a token or session lookup, expiry jobs, the demo seeder. Each use is one visible call (ADR 0018).
    /// </summary>
    public TDb AcrossTenants() => Create(null, allTenants: true);

    private TDb Create(long? tenantId, bool allTenants)
    {
        var db = pool.CreateDbContext();
        db.Bind(tenantId, allTenants, clock);
        return db;
    }
}
