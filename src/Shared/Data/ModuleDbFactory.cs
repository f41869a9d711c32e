using Microsoft.EntityFrameworkCore;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Hands out pooled module DbContexts bound to a tenant (or to none). Consumers and background jobs use it;
/// request code gets the scoped context already bound to the caller's tenant.
/// </summary>
public sealed class ModuleDbFactory<TDb>(IDbContextFactory<TDb> pool, TimeProvider clock) where TDb : ModuleDbContext
{
    /// <summary>A unit of work that sees and writes only <paramref name="tenantId"/>'s rows.</summary>
    public TDb ForTenant(long tenantId) => Create(tenantId);

    /// <summary>A unit of work bound to no tenant: tenant-scoped rows are invisible (IgnoreQueryFilters to cross tenants on purpose).</summary>
    public TDb WithoutTenant() => Create(null);

    private TDb Create(long? tenantId)
    {
        var db = pool.CreateDbContext();
        db.Bind(tenantId, clock);
        return db;
    }
}
