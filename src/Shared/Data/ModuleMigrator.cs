using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.EntityFrameworkCore.Infrastructure;
using System.Reflection;
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
        // Nothing pending (every start but the first after a deploy): done, without EF. Asking EF would build its
        // services, the model and the last migration's snapshot (MigrateAsync looks for model changes without a
        // migration): about a second of the Host's start before it is ready (issue 15). The migrations this module
        // ships are known from their [Migration] attributes; the history table says which ran.
        if (await AllAppliedAsync(owner, ct))
            return;
        var options = new DbContextOptionsBuilder<TDb>().UseModuleDatabase(owner, schema).Options;
        await using var db = (TDb)Activator.CreateInstance(typeof(TDb), options)!;
        await db.Database.MigrateAsync(ct);
    }

    private static readonly string[] Shipped = typeof(TDb).Assembly.GetTypes()
        .Where(t => typeof(Migration).IsAssignableFrom(t) && t.GetCustomAttribute<DbContextAttribute>()?.ContextType == typeof(TDb))
        .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id)
        .OfType<string>()
        .ToArray();

    private async Task<bool> AllAppliedAsync(NpgsqlConnection owner, CancellationToken ct)
    {
        await using var applied = new NpgsqlCommand(
            $"""
             SELECT CASE WHEN to_regclass($1) IS NULL THEN 0
                         ELSE (SELECT count(*) FROM {RowLevelSecurity.Quote(schema)}.__ef_migrations_history WHERE migration_id = ANY($2))
                    END
             """, owner);
        applied.Parameters.Add(new NpgsqlParameter<string> { TypedValue = $"{RowLevelSecurity.Quote(schema)}.__ef_migrations_history" });
        applied.Parameters.Add(new NpgsqlParameter<string[]> { TypedValue = Shipped });
        try
        {
            return Convert.ToInt64(await applied.ExecuteScalarAsync(ct), System.Globalization.CultureInfo.InvariantCulture) == Shipped.Length;
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.UndefinedTable)
        {
            return false; // the subquery is planned even when the CASE does not need it: no history table yet
        }
    }
}
