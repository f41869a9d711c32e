using Microsoft.EntityFrameworkCore;

namespace WorkshopCrm.Shared.Data;

/// <summary>Applies one module's committed EF Core migrations (history table in the module's schema).</summary>
public interface IModuleMigrator
{
    string Schema { get; }
    Task MigrateAsync(CancellationToken ct);
}

internal sealed class ModuleMigrator<TDb>(ModuleDbFactory<TDb> dbs, string schema) : IModuleMigrator where TDb : ModuleDbContext
{
    public string Schema => schema;

    public async Task MigrateAsync(CancellationToken ct)
    {
        await using var db = dbs.WithoutTenant();
        await db.Database.MigrateAsync(ct);
    }
}
