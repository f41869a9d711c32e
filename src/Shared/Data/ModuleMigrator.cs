using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
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

/// <summary>
/// Sets the database up for the Host: the binding procedures, every module's migrations, then row-level security and
/// the runtime role's grants on every tenant table (ADR 0018). Runs as the owner role of ConnectionStrings:Migrations
/// (ConnectionStrings:Default when that is not set); the Host serves as the role of ConnectionStrings:Default.
/// </summary>
public sealed class DatabaseMigrator(IEnumerable<IModuleMigrator> modules, NpgsqlDataSource runtime, IConfiguration configuration,
    ILogger<DatabaseMigrator> logger)
{
    public async Task MigrateAsync(CancellationToken ct)
    {
        var ownerConnectionString = configuration.GetConnectionString("Migrations") is { Length: > 0 } migrations
            ? migrations
            : runtime.ConnectionString;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username;
        var runtimeRole = new NpgsqlConnectionStringBuilder(runtime.ConnectionString).Username;
        var grantee = string.IsNullOrEmpty(runtimeRole) || runtimeRole == ownerRole ? null : runtimeRole;

        // Unpooled: the session setting below ends with this connection.
        await using var owner = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await owner.OpenAsync(ct);
        // Migrations cross tenants (a data migration must reach every tenant's rows): the one session bound to all.
        await using (var setUp = new NpgsqlCommand(
            $"SET {RowLevelSecurity.AllTenantsSetting} = 'on';" + RowLevelSecurity.BindingProceduresSql(grantee), owner))
            await setUp.ExecuteNonQueryAsync(ct);

        foreach (var module in modules)
        {
            await module.MigrateAsync(owner, ct);
            await RowLevelSecurity.ApplyAsync(owner, module.Schema, grantee, ct);
        }

        await WarnIfRuntimeBypassesAsync(ct);
    }

    /// <summary>A superuser or BYPASSRLS runtime role would make the second wall a no-op: say so loudly.</summary>
    private async Task WarnIfRuntimeBypassesAsync(CancellationToken ct)
    {
        await using var check = runtime.CreateCommand(
            "SELECT rolname, rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = current_user");
        await using var reader = await check.ExecuteReaderAsync(ct);
        if (await reader.ReadAsync(ct) && reader.GetBoolean(1))
        {
            logger.LogWarning(
                "The runtime database role {Role} is a superuser or has BYPASSRLS: row-level security does not apply to the Host. " +
                "Give ConnectionStrings:Default a role of its own (docs/operations/database-roles.md)", reader.GetString(0));
        }
    }
}
