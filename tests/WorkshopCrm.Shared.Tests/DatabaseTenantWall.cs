using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Tests;

/// <summary>
/// ADR 0018: every way EF talks to the database (a query outside a transaction, a save, an explicit transaction, raw
/// SQL) is bound to the unit of work's tenant, so row-level security holds even where EF's own filter is ignored or
/// bypassed; and the binding never outlives its transaction on a pooled connection.
/// </summary>
public sealed class DatabaseTenantWall : IAsyncLifetime
{
    private Microsoft.Extensions.Hosting.IHost _owner = null!;
    private Microsoft.Extensions.Hosting.IHost _runtime = null!;
    private string _database = "";
    private DatabaseRoles _roles = null!;

    public async Task InitializeAsync()
    {
        var database = _database = await TestPostgres.CreateDatabaseAsync("rlswall");
        _owner = new WidgetHosts(database, new DeliveryLog()).Build(dispatch: false);
        await WidgetHosts.CreateSchemaAsync(_owner.Services);
        await using (var owner = new NpgsqlConnection(database))
        {
            await owner.OpenAsync();
            var roles = _roles = new DatabaseRoles(new NpgsqlConnectionStringBuilder(database).Username!, TestPostgres.RuntimeRole,
                RowLevelSecurity.AcrossRoleFor(TestPostgres.RuntimeRole));
            await using (var procedures = new NpgsqlCommand(RowLevelSecurity.BindingProceduresSql(roles), owner))
                await procedures.ExecuteNonQueryAsync();
            await RowLevelSecurity.ApplyAsync(owner, WidgetDb.SchemaName, roles, force: false, CancellationToken.None);
        }

        // One pooled connection: whatever one unit of work leaves on it, the next one finds.
        var runtime = new NpgsqlConnectionStringBuilder(TestPostgres.AsRuntimeRole(database)) { MaxPoolSize = 1 }.ConnectionString;
        _runtime = new WidgetHosts(runtime, new DeliveryLog()).Build(dispatch: false);
        await SaveAsync(1, "mine");
        await SaveAsync(2, "theirs");
    }

    /// <summary>
    /// ADR 0030: a Host start re-applies row-level security only when it would change something. Dropping and re-making
    /// the policies on every start locked every tenant table and threw away every session's plans, on every instance.
    /// </summary>
    [Fact]
    public async Task Applying_again_with_nothing_changed_leaves_the_policies_alone_and_a_new_tenant_table_still_gets_them()
    {
        await using var owner = new NpgsqlConnection(_database);
        await owner.OpenAsync();
        var policyBefore = await ScalarAsync<uint>(owner, PolicyOf("widgets.widgets"));

        await RowLevelSecurity.ApplyAsync(owner, WidgetDb.SchemaName, _roles, force: false, CancellationToken.None);
        Assert.Equal(policyBefore, await ScalarAsync<uint>(owner, PolicyOf("widgets.widgets")));

        await TestPostgres.ExecuteAsync(owner, "CREATE TABLE widgets.gadgets (id bigint PRIMARY KEY, tenant_id bigint NOT NULL)");
        await RowLevelSecurity.ApplyAsync(owner, WidgetDb.SchemaName, _roles, force: false, CancellationToken.None);
        Assert.True(await ScalarAsync<bool>(owner, "SELECT relrowsecurity AND relforcerowsecurity FROM pg_class WHERE oid = 'widgets.gadgets'::regclass"));
        Assert.Equal(1L, await ScalarAsync<long>(owner, $"SELECT count(*) FROM ({PolicyOf("widgets.gadgets")}) p"));

        await RowLevelSecurity.ApplyAsync(owner, WidgetDb.SchemaName, _roles, force: true, CancellationToken.None);
        Assert.NotEqual(policyBefore, await ScalarAsync<uint>(owner, PolicyOf("widgets.widgets")));
        await TestPostgres.ExecuteAsync(owner, "DROP TABLE widgets.gadgets");
    }

    private static string PolicyOf(string table) =>
        $"SELECT oid FROM pg_policy WHERE polrelid = '{table}'::regclass AND polname = '{RowLevelSecurity.PolicyName}'";

    private static async Task<T> ScalarAsync<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    [Fact]
    public async Task Raw_sql_without_a_tenant_filter_reads_and_writes_only_the_bound_tenants_rows()
    {
        await using var db = Dbs.ForTenant(1);

        Assert.Equal(["mine"], await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM widgets.widgets").ToListAsync());
        Assert.Equal(1, await db.Database.ExecuteSqlRawAsync("UPDATE widgets.widgets SET name = name || '!'"));
        Assert.Equal(["mine!"], await db.Widgets.IgnoreQueryFilters().Select(w => w.Name).ToListAsync());
    }

    [Fact]
    public async Task Inside_an_explicit_transaction_the_binding_holds_for_every_statement()
    {
        await using var db = Dbs.ForTenant(2);
        await using var transaction = await db.Database.BeginTransactionAsync();

        Assert.Equal(["theirs"], await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM widgets.widgets").ToListAsync());
        db.Widgets.Add(new Widget { Name = "second" });
        await db.SaveChangesAsync();
        Assert.Equal(0, await db.Database.ExecuteSqlRawAsync("DELETE FROM widgets.widgets WHERE tenant_id = 1"));
        await transaction.CommitAsync();

        Assert.Equal(2L, await CountAsOwnerAsync(2));
        Assert.Equal(1L, await CountAsOwnerAsync(1));
    }

    [Fact]
    public async Task Ignoring_efs_filter_without_a_tenant_sees_nothing_and_only_across_tenants_sees_all()
    {
        await using (var unbound = Dbs.WithoutTenant())
            Assert.Empty(await unbound.Widgets.IgnoreQueryFilters().ToListAsync());

        await using var across = Dbs.AcrossTenants();
        Assert.Equal(["mine", "theirs"], await across.Widgets.IgnoreQueryFilters().OrderBy(w => w.Name).Select(w => w.Name).ToListAsync());
    }

    [Fact]
    public async Task A_row_written_for_another_tenant_is_refused_by_the_database_too()
    {
        await using var db = Dbs.ForTenant(1);
        var refused = await Assert.ThrowsAsync<PostgresException>(() =>
            db.Database.ExecuteSqlRawAsync("INSERT INTO widgets.widgets (tenant_id, name) VALUES (2, 'smuggled')"));

        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, refused.SqlState);
        Assert.Equal(1L, await CountAsOwnerAsync(2));
    }

    [Fact]
    public async Task The_binding_ends_with_its_transaction_and_never_reaches_the_next_user_of_the_connection()
    {
        await using (var db = Dbs.ForTenant(1))
            Assert.Single(await db.Widgets.ToListAsync());

        var dataSource = _runtime.Services.GetRequiredService<NpgsqlDataSource>();
        await using var next = dataSource.CreateCommand(
            "SELECT coalesce(current_setting('app.tenant_id', true), ''), (SELECT count(*) FROM widgets.widgets)");
        await using var reader = await next.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.Equal("", reader.GetString(0));
        Assert.Equal(0L, reader.GetInt64(1));
    }

    private ModuleDbFactory<WidgetDb> Dbs => _runtime.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>();

    private async Task SaveAsync(long tenantId, string name)
    {
        await using var db = Dbs.ForTenant(tenantId);
        db.Widgets.Add(new Widget { Name = name });
        await db.SaveChangesAsync(); // one statement: still bound, in the transaction every save now has
    }

    private async Task<long> CountAsOwnerAsync(long tenantId)
    {
        await using var db = _owner.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>().ForTenant(tenantId);
        return await db.Widgets.LongCountAsync();
    }

    public Task DisposeAsync()
    {
        _runtime.Dispose();
        _owner.Dispose();
        return Task.CompletedTask;
    }
}
