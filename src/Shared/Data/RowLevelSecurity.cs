using System.Globalization;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// The database's own tenant wall (ADR 0018). Every table with a <c>tenant_id</c> column has row-level security
/// enabled and forced, with one policy: a row is visible and writable only while the transaction is bound to its
/// tenant (<c>app.tenant_id</c>) or, for the few jobs that must cross tenants on purpose, to all of them
/// (<c>app.all_tenants</c>). Both settings are transaction-local, so a pooled connection (or a pgbouncer server
/// connection in transaction mode) never carries them to its next user; unbound, a transaction sees no tenant's rows.
/// </summary>
public static class RowLevelSecurity
{
    /// <summary>The schema of the binding procedures (owned by the migrations role, executable by the runtime role).</summary>
    public const string Schema = "tenancy";

    public const string TenantSetting = "app.tenant_id";
    public const string AllTenantsSetting = "app.all_tenants";

    /// <summary>The policy's name on every tenant table.</summary>
    public const string PolicyName = "tenant_isolation";

    /// <summary>Binds the current transaction to one tenant; takes the tenant id as its one parameter.</summary>
    public const string BindTenantCall = "CALL tenancy.bind_tenant($1)";

    /// <summary>Binds the current transaction to every tenant: only for the explicit cross-tenant units of work.</summary>
    public const string BindAllTenantsCall = "CALL tenancy.bind_all_tenants()";

    /// <summary>
    /// The policy's condition. The settings are read once per statement (each sub-select is an InitPlan), not once
    /// per row; an unset or empty <c>app.tenant_id</c> matches nothing.
    /// </summary>
    public const string PolicyCondition =
        $"tenant_id = (SELECT NULLIF(current_setting('{TenantSetting}', true), '')::bigint) " +
        $"OR (SELECT current_setting('{AllTenantsSetting}', true)) = 'on'";

    /// <summary>A batch command that binds the batch's implicit transaction to <paramref name="tenantId"/>; add it first.</summary>
    public static NpgsqlBatchCommand BindTenant(long tenantId) =>
        new(BindTenantCall) { Parameters = { new NpgsqlParameter<long> { TypedValue = tenantId } } };

    /// <summary>The procedures the runtime role calls to bind a transaction (idempotent; run as the owner).</summary>
    internal static string BindingProceduresSql(string? runtimeRole) =>
        $"""
         CREATE SCHEMA IF NOT EXISTS {Schema};
         CREATE OR REPLACE PROCEDURE {Schema}.bind_tenant(tenant bigint) LANGUAGE sql
           AS $$ SELECT set_config('{TenantSetting}', tenant::text, true), set_config('{AllTenantsSetting}', 'off', true) $$;
         CREATE OR REPLACE PROCEDURE {Schema}.bind_all_tenants() LANGUAGE sql
           AS $$ SELECT set_config('{TenantSetting}', '', true), set_config('{AllTenantsSetting}', 'on', true) $$;
         REVOKE ALL ON SCHEMA {Schema} FROM PUBLIC;
         {(runtimeRole is null ? "" : $"GRANT USAGE ON SCHEMA {Schema} TO {Quote(runtimeRole)};")}
         """;

    /// <summary>
    /// Enables and forces row-level security with the tenant policy on every table of <paramref name="schema"/> that
    /// has a <c>tenant_id</c> column (found in the catalog, so a new table is covered by the next migration run), and
    /// grants the runtime role what it needs there: rows, not DDL.
    /// </summary>
    internal static async Task ApplyAsync(NpgsqlConnection owner, string schema, string? runtimeRole, CancellationToken ct)
    {
        var tables = new List<string>();
        await using (var find = new NpgsqlCommand(
            """
            SELECT c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE n.nspname = $1 AND c.relkind IN ('r', 'p')
            ORDER BY c.relname
            """, owner))
        {
            find.Parameters.Add(new NpgsqlParameter<string> { TypedValue = schema });
            await using var reader = await find.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
                tables.Add(reader.GetString(0));
        }

        var sql = new System.Text.StringBuilder();
        foreach (var table in tables)
        {
            var name = $"{Quote(schema)}.{Quote(table)}";
            sql.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} ENABLE ROW LEVEL SECURITY;");
            sql.Append(CultureInfo.InvariantCulture, $"ALTER TABLE {name} FORCE ROW LEVEL SECURITY;");
            sql.Append(CultureInfo.InvariantCulture, $"DROP POLICY IF EXISTS {PolicyName} ON {name};");
            sql.Append(CultureInfo.InvariantCulture, $"CREATE POLICY {PolicyName} ON {name} USING ({PolicyCondition}) WITH CHECK ({PolicyCondition});");
        }

        if (runtimeRole is not null)
        {
            var role = Quote(runtimeRole);
            sql.Append(CultureInfo.InvariantCulture, $"GRANT USAGE ON SCHEMA {Quote(schema)} TO {role};");
            sql.Append(CultureInfo.InvariantCulture, $"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA {Quote(schema)} TO {role};");
            sql.Append(CultureInfo.InvariantCulture, $"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA {Quote(schema)} TO {role};");
            // The migrations history is the owner's alone.
            var history = $"{Quote(schema)}.__ef_migrations_history";
            sql.Append(CultureInfo.InvariantCulture,
                $"DO $$ BEGIN IF to_regclass('{history.Replace("'", "''", StringComparison.Ordinal)}') IS NOT NULL THEN REVOKE INSERT, UPDATE, DELETE ON {history} FROM {role}; END IF; END $$;");
        }

        if (sql.Length == 0)
            return;
        // One transaction: a policy is never dropped without its replacement being there.
        await using var transaction = await owner.BeginTransactionAsync(ct);
        await using (var apply = new NpgsqlCommand(sql.ToString(), owner, transaction))
            await apply.ExecuteNonQueryAsync(ct);
        await transaction.CommitAsync(ct);
    }

    internal static string Quote(string identifier) => "\"" + identifier.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"";
}
