using System.Globalization;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// The database's own tenant wall (ADR 0018). Every table with a <c>tenant_id</c> column has row-level security
/// enabled and forced, with two policies: <c>tenant_isolation</c>, for everyone, lets a transaction see and write only
/// the rows of the tenant it is bound to (<c>app.tenant_id</c>, transaction-local, so a pooled connection or a
/// pgbouncer server connection never carries it to its next user; unbound, a transaction sees no tenant's rows); and
/// <c>across_tenants</c>, for the across role only, lets the few units of work that must cross tenants on purpose see
/// them all: they switch to that role for their transaction (<c>SET LOCAL ROLE</c>), which the runtime role may do but
/// whose rights it does not inherit. A plain equality is what the planner folds into a query's own
/// <c>tenant_id = …</c>; an OR in the policy made it misjudge every tenant table's row counts.
/// </summary>
public static class RowLevelSecurity
{
    /// <summary>The schema of the binding procedures (owned by the migrations role, executable by the runtime role).</summary>
    public const string Schema = "tenancy";

    public const string TenantSetting = "app.tenant_id";

    /// <summary>The tenant policy's name on every tenant table.</summary>
    public const string PolicyName = "tenant_isolation";

    /// <summary>The policy of the across role (and the owner, for data migrations) on every tenant table.</summary>
    public const string AcrossPolicyName = "across_tenants";

    /// <summary>
    /// The name of the row trigger that makes a table append-only for the app (identity.audit_log, ADR 0024): it refuses
    /// UPDATE and DELETE to anyone but the table's owner, and <see cref="ApplyAsync"/> grants the runtime and across
    /// roles no UPDATE or DELETE there.
    /// </summary>
    public const string AppendOnlyTrigger = "append_only";

    /// <summary>Binds the current transaction to one tenant; takes the tenant id as its one parameter.</summary>
    public const string BindTenantCall = "CALL " + Schema + "." + BindTenantProcedure + "($1)";

    /// <summary>The procedure of <see cref="BindTenantCall"/>, in <see cref="Schema"/>.</summary>
    public const string BindTenantProcedure = "bind_tenant";

    /// <summary>
    /// Binds like <see cref="BindTenantCall"/> and plans the transaction's statements for their values (ADR 0033): for a
    /// statement whose best plan depends on them (a search text), where a prepared statement's generic plan would do
    /// per row what a custom plan folds once.
    /// </summary>
    public const string BindTenantPlanningEachCall = "CALL " + Schema + "." + BindTenantPlanningEachProcedure + "($1)";

    /// <summary>The procedure of <see cref="BindTenantPlanningEachCall"/>, in <see cref="Schema"/>.</summary>
    public const string BindTenantPlanningEachProcedure = "bind_tenant_planning_each";

    /// <summary>Binds the current transaction to every tenant: only for the explicit cross-tenant units of work.</summary>
    public const string BindAllTenantsCall = "CALL tenancy.bind_all_tenants()";

    /// <summary>The tenant policy's condition: an unset or empty <c>app.tenant_id</c> matches nothing.</summary>
    public const string PolicyCondition = $"tenant_id = NULLIF(current_setting('{TenantSetting}', true), '')::bigint";

    /// <summary>The role cross-tenant units of work switch to: the runtime role's name with <c>_across</c>.</summary>
    public static string AcrossRoleFor(string runtimeRole) => runtimeRole + "_across";

    /// <summary>A batch command that binds the batch's implicit transaction to <paramref name="tenantId"/>; add it first.</summary>
    public static NpgsqlBatchCommand BindTenant(long tenantId, bool planningEach = false) =>
        new(planningEach ? BindTenantPlanningEachCall : BindTenantCall) { Parameters = { new NpgsqlParameter<long> { TypedValue = tenantId } } };

    /// <summary>
    /// The query tag (EF's <c>TagWith</c>) that asks <see cref="TenantBinding"/> for <see cref="BindTenantPlanningEachCall"/>
    /// when it binds the query's implicit transaction: see <see cref="PlannedForItsValues{T}"/>.
    /// </summary>
    public const string PlanningEachTag = "planned for its values";

    /// <summary>
    /// Plans this query for its parameters' values every time instead of once per connection (ADR 0033), when it runs
    /// outside a transaction (it binds its own): a search, whose pattern a generic plan unaccents for every candidate row.
    /// </summary>
    public static IQueryable<T> PlannedForItsValues<T>(this IQueryable<T> query) =>
        Microsoft.EntityFrameworkCore.EntityFrameworkQueryableExtensions.TagWith(query, PlanningEachTag);

    /// <summary>
    /// The procedures the runtime role calls to bind a transaction (idempotent; run as the owner). Without a runtime
    /// role of its own (the Host serves as the owner) there is no across role, and binding to all tenants is a no-op.
    /// </summary>
    internal static string BindingProceduresSql(DatabaseRoles roles) =>
        $"""
         CREATE SCHEMA IF NOT EXISTS {Schema};
         CREATE OR REPLACE PROCEDURE {Schema}.{BindTenantProcedure}(tenant bigint) LANGUAGE sql
           AS $$ SELECT set_config('{TenantSetting}', tenant::text, true) $$;
         CREATE OR REPLACE PROCEDURE {Schema}.{BindTenantPlanningEachProcedure}(tenant bigint) LANGUAGE sql
           AS $$ SELECT set_config('{TenantSetting}', tenant::text, true), set_config('plan_cache_mode', 'force_custom_plan', true) $$;
         CREATE OR REPLACE PROCEDURE {Schema}.bind_all_tenants() LANGUAGE sql
           AS $$ SELECT {(roles.Across is { } across ? $"set_config('role', {Literal(across)}, true)" : "NULL")} $$;
         REVOKE ALL ON SCHEMA {Schema} FROM PUBLIC;
         {(roles.Runtime is { } runtime ? $"GRANT USAGE ON SCHEMA {Schema} TO {Quote(runtime)};" : "")}
         CREATE TABLE IF NOT EXISTS {Schema}.applied_security (schema_name text PRIMARY KEY, fingerprint text NOT NULL);
         """;

    /// <summary>
    /// Enables and forces row-level security with the tenant policy on every table of <paramref name="schema"/> that
    /// has a <c>tenant_id</c> column (found in the catalog, so a new table is covered by the next migration run), and
    /// grants the runtime role what it needs there: rows, not DDL; on an append-only table (one with the
    /// <see cref="AppendOnlyTrigger"/> trigger) only reading and inserting.
    /// </summary>
    /// <remarks>
    /// What it would run is fingerprinted (with every table name of the schema) and remembered in
    /// <c>tenancy.applied_security</c>: a start that finds the same fingerprint changes nothing (ADR 0030). Re-running it
    /// on every start took an ACCESS EXCLUSIVE lock on every tenant table and made every session of every instance plan
    /// its statements again. <paramref name="force"/> (the migrate verb) applies it whatever the fingerprint says.
    /// </remarks>
    internal static async Task ApplyAsync(NpgsqlConnection owner, string schema, DatabaseRoles roles, bool force, CancellationToken ct)
    {
        var tables = await TablesAsync(owner, schema,
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, ct);
        var appendOnly = await TablesAsync(owner, schema,
            $"""
             SELECT c.relname FROM pg_trigger t
             JOIN pg_class c ON c.oid = t.tgrelid
             JOIN pg_namespace n ON n.oid = c.relnamespace
             WHERE n.nspname = $1 AND t.tgname = '{AppendOnlyTrigger}' AND NOT t.tgisinternal
             ORDER BY c.relname
             """, ct);

        var sql = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            var name = $"{Quote(schema)}.{Quote(table)}";
            sql.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;");
            sql.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} FORCE ROW LEVEL SECURITY;");
            sql.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {PolicyName} ON {name};");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE POLICY {PolicyName} ON {name} USING ({PolicyCondition}) WITH CHECK ({PolicyCondition});");
            sql.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {AcrossPolicyName} ON {name};");
            sql.Append(CultureInfo.InvariantCulture,
                $"CREATE POLICY {AcrossPolicyName} ON {name} TO {string.Join(", ", roles.SeeingAllTenants.Select(Quote))} USING (true) WITH CHECK (true);");
        }

        foreach (var grantee in new[] { roles.Runtime, roles.Across }.OfType<string>())
        {
            var role = Quote(grantee);
            sql.Append(CultureInfo.InvariantCulture, $"GRANT USAGE ON SCHEMA {Quote(schema)} TO {role};");
            sql.Append(CultureInfo.InvariantCulture, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Quote(schema)} TO {role};");
            sql.Append(CultureInfo.InvariantCulture, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Quote(schema)} TO {role};");
            // The migrations history is the owner's alone.
            var history = $"{Quote(schema)}.__ef_migrations_history";
            sql.Append(CultureInfo.InvariantCulture,
                $"DO $$ BEGIN IF to_regclass('{history.Replace("'", "''", StringComparison.Ordinal)}') IS NOT NULL THEN REVOKE INSERT, UPDATE, DELETE ON {history} FROM {role}; END IF; END $$;");
            // What the app appends it never rewrites (the trigger says no to the runtime role anyway; this says it first).
            foreach (var table in appendOnly)
                sql.Append(CultureInfo.InvariantCulture, $"REVOKE UPDATE, DELETE, TRUNCATE ON {Quote(schema)}.{Quote(table)} FROM {role};");
        }

        if (sql.Length == 0)
            return;
        var allTables = await TablesAsync(owner, schema,
            "SELECT c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') ORDER BY c.relname",
            ct);
        var fingerprint = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(
            System.Text.Encoding.UTF8.GetBytes(sql + "\n" + string.Join(",", allTables))));
        await using (var applied = new NpgsqlCommand($"SELECT fingerprint FROM {Schema}.applied_security WHERE schema_name = $1", owner))
        {
            applied.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            if (!force && await applied.ExecuteScalarAsync(ct) is string known && known == fingerprint)
                return;
        }

        sql.Append(CultureInfo.InvariantCulture,
            $"INSERT INTO {Schema}.applied_security (schema_name, fingerprint) VALUES ({Literal(schema)}, {Literal(fingerprint)}) ON CONFLICT (schema_name) DO UPDATE SET fingerprint = EXCLUDED.fingerprint;");
        // One transaction: a policy is never dropped without its replacement being there.
        await using var transaction = await owner.BeginTransactionAsync(ct);
        await using (var apply = new NpgsqlCommand(sql.ToString(), owner, transaction))
            await apply.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    private static async Task<List<string>> TablesAsync(NpgsqlConnection owner, string schema, string sql, CancellationToken ct)
    {
        var tables = new List<string>();
        await using var find = new NpgsqlCommand(sql, owner);
        find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
        await using var reader = await find.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            tables.Add(reader.GetString(0));
        return tables;
    }

    /// <summary>
    /// The role cross-tenant units of work switch to for one transaction (NOLOGIN): the runtime role may SET it but does
    /// not inherit it, so its policy (every tenant) applies only after the switch. Roles are the server's, shared by
    /// every database and every instance migrating at once: a race for them is no failure.
    /// </summary>
    public static async Task EnsureAcrossRoleAsync(NpgsqlConnection owner, string runtime, CancellationToken ct)
    {
        var across = AcrossRoleFor(runtime);
        await RunIgnoringRacesAsync(owner, $"""
            DO $$ BEGIN
              IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = {Literal(across)}) THEN
                CREATE ROLE {Quote(across)} NOLOGIN NOINHERIT;
              END IF;
            END $$
            """, ct);

        // PostgreSQL 16 and later say per grant whether it is inherited; 15 only per role (NOINHERIT).
        await using var version = new NpgsqlCommand("SELECT current_setting('server_version_num')::int", owner);
        var grant = (int)(await version.ExecuteScalarAsync(ct))! >= 160000
            ? $"GRANT {Quote(across)} TO {Quote(runtime)} WITH INHERIT FALSE, SET TRUE"
            : $"ALTER ROLE {Quote(runtime)} NOINHERIT; GRANT {Quote(across)} TO {Quote(runtime)}";
        await RunIgnoringRacesAsync(owner, $"""
            DO $$ BEGIN
              IF NOT pg_has_role({Literal(runtime)}, {Literal(across)}, 'MEMBER') OR pg_has_role({Literal(runtime)}, {Literal(across)}, 'USAGE') THEN
                {grant};
              END IF;
            END $$
            """, ct);
    }

    private static async Task RunIgnoringRacesAsync(NpgsqlConnection owner, string sql, CancellationToken ct)
    {
        try
        {
            await using var command = new NpgsqlCommand(sql, owner);
            await command.ExecuteNonQueryAsync(ct);
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation
            || ex.MessageText.Contains("tuple concurrently updated", StringComparison.Ordinal))
        {
            // another instance (or test) did the same a moment ago
        }
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";

    private static string Literal(string text) => "'" + text.Replace("'", "''", StringComparison.Ordinal) + "'";
}

/// <summary>
/// The roles of ADR 0018: the owner (migrations), the runtime role the Host serves as (null when it serves as the
/// owner), and the across role cross-tenant units of work switch to (null without a runtime role).
/// </summary>
public sealed record DatabaseRoles(string Owner, string? Runtime, string? Across)
{
    /// <summary>Whom the across policy lets see every tenant: the across role, and the owner (data migrations).</summary>
    public IEnumerable<string> SeeingAllTenants => new[] { Across, Owner }.OfType<string>().Distinct();
}
