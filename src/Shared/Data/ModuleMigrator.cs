using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>Applies one module's committed EF Core migrations (history table in the module's schema).</summary>
public interface IModuleMigrator
{
    string Schema { get; }

    /// <summary>Migrates the module's schema over <paramref name="owner"/>, a connection of the role that owns it.</summary>
    Task MigrateAsync(NpgsqlConnection owner, CancellationToken ct);
}

internal sealed class ModuleMigrator<TDb>(string schema) : IModuleMigrator where TDb : ModuleDbContext
{
    public string Schema => schema;

    public async Task MigrateAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        var options = new DbContextOptionsBuilder<TDb>().UseModuleDatabase(owner, schema).Options;
        await using var db = (TDb)Activator.CreateInstance(typeof(TDb), options)!;
        await db.Database.MigrateAsync(ct);
    }
}
