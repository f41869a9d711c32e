using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Sets the database up for the Host: the binding procedures, every module's migrations, then row-level security and
/// the runtime role's grants on every tenant table (ADR 0018). Runs as the owner role of ConnectionStrings:Migrations
/// (ConnectionStrings:Default when that is not set); the Host serves as the role of ConnectionStrings:Default.
/// </summary>
public sealed class DatabaseMigrator(IEnumerable<IModuleMigrator> modules, NpgsqlDataSource runtime, IConfiguration configuration,
    ILogger<DatabaseMigrator> logger)
{
    // The two-key form of advisory locks, a key space apart from the one-bigint keys the Pipeline's column locks use.
    private const int MigrationLockClass = 0x57435243; // "WCRC"
    private const int MigrationLockKey = 1;

    /// <param name="reapplySecurity">
    /// Apply row-level security and the grants even when nothing changed since they were last applied (the migrate
    /// verb: a deploy's explicit step); a start applies them only when they would change (ADR 0030).
    /// </param>
    /// <param name="ct">Cancels the migration.</param>
    public async Task MigrateAsync(bool reapplySecurity, CancellationToken ct)
    {
        // The configured strings, not the data source's: Npgsql drops the password from what it hands back.
        var runtimeConnectionString = configuration.GetConnectionString("Default") ?? "";
        var ownerConnectionString = configuration.GetConnectionString("Migrations") is { Length: > 0 } migrations
            ? migrations
            : runtimeConnectionString;
        var ownerRole = new NpgsqlConnectionStringBuilder(ownerConnectionString).Username ?? "";
        var runtimeRole = new NpgsqlConnectionStringBuilder(runtimeConnectionString).Username;
        var runtime = string.IsNullOrEmpty(runtimeRole) || runtimeRole == ownerRole ? null : runtimeRole;
        var roles = new DatabaseRoles(ownerRole, runtime, runtime is null ? null : RowLevelSecurity.AcrossRoleFor(runtime));

        // Unpooled: nothing this session sets outlives it.
        await using var owner = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(ownerConnectionString) { Pooling = false }.ConnectionString);
        await owner.OpenAsync(ct);
        // One instance at a time: Hosts started together each migrate on start, and PostgreSQL refuses concurrent
        // writes of the same catalog rows (a schema, a procedure, a policy). The others wait, then find it done.
        // Session-level, so it is released when this unpooled connection closes, whatever happens.
        await using (var oneAtATime = new NpgsqlCommand($"SELECT pg_advisory_lock({MigrationLockClass}, {MigrationLockKey})", owner))
            await oneAtATime.ExecuteNonQueryAsync(ct);
        if (runtime is not null)
        {
            await EnsureRuntimeRoleAsync(owner, new NpgsqlConnectionStringBuilder(runtimeConnectionString), ct);
            await RowLevelSecurity.EnsureAcrossRoleAsync(owner, runtime, ct);
        }

        await using (var setUp = new NpgsqlCommand(RowLevelSecurity.BindingProceduresSql(roles), owner))
            await setUp.ExecuteNonQueryAsync(ct);

        foreach (var module in modules)
        {
            await module.MigrateAsync(owner, ct);
            await RowLevelSecurity.ApplyAsync(owner, module.Schema, roles, reapplySecurity, ct);
        }

        await WarnIfRuntimeBypassesAsync(ct);
    }

    /// <summary>
    /// Creates the runtime role of ConnectionStrings:Default when it does not exist yet (its name and password are
    /// that connection string's), so that a new install needs no hand work: a login that owns nothing, cannot create
    /// anything and is subject to row-level security. An existing role is left as it is.
    /// </summary>
    private async Task EnsureRuntimeRoleAsync(NpgsqlConnection owner, NpgsqlConnectionStringBuilder runtimeLogin, CancellationToken ct)
    {
        await using var make = new NpgsqlCommand(
            """
            SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT', $1::text, $2::text)
            WHERE NOT EXISTS (SELECT FROM pg_roles WHERE rolname = $1)
            """, owner);
        make.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runtimeLogin.Username! });
        make.Parameters.Add(new NpgsqlParameter<string> { TypedValue = runtimeLogin.Password ?? "" });
        if (await make.ExecuteScalarAsync(ct) is not string create)
            return;

        try
        {
            await using var run = new NpgsqlCommand(create, owner);
            await run.ExecuteNonQueryAsync(ct);
            logger.LogInformation("Created the runtime database role {Role}", runtimeLogin.Username);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.DuplicateObject)
        {
            // another instance created it a moment ago
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The runtime database role '{runtimeLogin.Username}' does not exist and the migrations role may not create it. " +
                "Create it once (docs/operations/database-roles.md) or give the migrations role CREATEROLE.", ex);
        }
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
