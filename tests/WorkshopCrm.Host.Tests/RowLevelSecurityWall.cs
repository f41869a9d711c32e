using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Shared.Data;
using Xunit.Abstractions;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// Issue 13, ADR 0018: the database is a second tenant wall. SQL with no tenant filter at all, sent over the Host's own
/// runtime connection while the transaction is bound to tenant A, sees and changes none of tenant B's rows, in every
/// table that has a tenant_id column. The tables come from the catalog, so a table added later is checked without
/// touching this test (and fails it until the arrangement gives it rows of both tenants).
/// </summary>
public sealed class RowLevelSecurityWall(CrmAppFixture app, ITestOutputHelper output) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Raw_sql_bound_to_one_tenant_sees_and_changes_no_row_of_another_in_any_tenant_table()
    {
        var a = await ArrangeCompanyAsync();
        var b = await ArrangeCompanyAsync();
        var tables = await TenantTablesAsync();
        output.WriteLine($"Tenant tables: {string.Join(", ", tables)}");
        Assert.Contains("pipeline.deals", tables);
        Assert.Contains("identity.users", tables);
        Assert.Contains("identity.audit_log", tables);

        var runtime = app.Services.GetRequiredService<NpgsqlDataSource>();
        var failures = new List<string>();
        foreach (var table in tables)
        {
            // As the owner (beyond RLS): both companies have rows here, or the check below could pass vacuously.
            var ofA = await app.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = @p0", a);
            var ofB = await app.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = @p0", b);
            if (ofA == 0 || ofB == 0)
            {
                failures.Add($"{table}: no rows of both companies to compare (A {ofA}, B {ofB}): arrange some in {nameof(ArrangeCompanyAsync)}.");
                continue;
            }

            await using var connection = await runtime.OpenConnectionAsync();
            await using var transaction = await connection.BeginTransactionAsync();
            await ExecuteAsync(connection, RowLevelSecurity.BindTenantCall, a);

            var seen = await TenantsSeenAsync(connection, $"SELECT DISTINCT tenant_id FROM {table}");
            if (!seen.SequenceEqual([a]))
                failures.Add($"{table}: bound to A, SELECT without a filter saw tenants [{string.Join(", ", seen)}].");
            if (await CountAsync(connection, $"SELECT count(*) FROM {table}") != ofA)
                failures.Add($"{table}: bound to A, count(*) is not A's {ofA} rows.");

            // An append-only table (the audit log) refuses the runtime role any UPDATE or DELETE at all: refused is as good as none.
            var updated = await RowsOrRefusedAsync(connection, $"UPDATE {table} SET tenant_id = tenant_id WHERE tenant_id = $1", b);
            var deleted = await RowsOrRefusedAsync(connection, $"DELETE FROM {table} WHERE tenant_id = $1", b);
            if (updated is not (0 or null) || deleted is not (0 or null))
                failures.Add($"{table}: bound to A, {updated} of B's rows updated and {deleted} deleted.");

            // Moving A's rows to B is refused by the policy's WITH CHECK.
            var moved = await ExpectRefusalAsync(connection, $"UPDATE {table} SET tenant_id = $1", b);
            if (moved is not null)
                failures.Add($"{table}: bound to A, moving A's rows to B was not refused ({moved}).");
            await transaction.RollbackAsync();

            // Bound to nobody, the runtime role sees nothing at all.
            await using var unbound = await runtime.OpenConnectionAsync();
            if (await CountAsync(unbound, $"SELECT count(*) FROM {table}") != 0)
                failures.Add($"{table}: a transaction bound to no tenant saw rows.");
        }

        Assert.True(failures.Count == 0, string.Join("\n", failures));
        // Nothing of B's was lost on the way.
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.deals WHERE tenant_id = @p0", b));
    }

    [Fact]
    public async Task Every_tenant_table_forces_the_policy_and_the_runtime_role_cannot_bypass_it()
    {
        var tables = await TenantTablesAsync();
        Assert.NotEmpty(tables);
        foreach (var table in tables)
        {
            var (enabled, forced, policies) = (
                await app.ScalarAsync<bool>("SELECT relrowsecurity FROM pg_class WHERE oid = @p0::regclass", table),
                await app.ScalarAsync<bool>("SELECT relforcerowsecurity FROM pg_class WHERE oid = @p0::regclass", table),
                await app.ScalarAsync<long>("SELECT count(*) FROM pg_policy WHERE polrelid = @p0::regclass AND polname = 'tenant_isolation'", table));
            var acrossPolicies = await app.ScalarAsync<long>(
                "SELECT count(*) FROM pg_policy WHERE polrelid = @p0::regclass AND polname = 'across_tenants' AND 0 <> ALL (polroles)", table);
            Assert.True(enabled && forced && policies == 1 && acrossPolicies == 1,
                $"{table}: enabled {enabled}, forced {forced}, tenant policies {policies}, across policies for named roles only {acrossPolicies}");
        }

        var runtime = new NpgsqlConnectionStringBuilder(app.Services.GetRequiredService<NpgsqlDataSource>().ConnectionString).Username;
        Assert.Equal(TestPostgres.RuntimeRole, runtime);
        Assert.False(await app.ScalarAsync<bool>("SELECT rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = @p0", runtime!));
        Assert.Equal(0L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = @p0", runtime!));
        // It may switch to the across role for a transaction (AcrossTenants), but never holds its rights without the switch.
        var across = RowLevelSecurity.AcrossRoleFor(runtime!);
        Assert.True(await app.ScalarAsync<bool>("SELECT pg_has_role(@p0, @p1, 'MEMBER')", runtime!, across));
        Assert.False(await app.ScalarAsync<bool>("SELECT pg_has_role(@p0, @p1, 'USAGE')", runtime!, across));
        Assert.False(await app.ScalarAsync<bool>("SELECT rolcanlogin OR rolsuper OR rolbypassrls FROM pg_roles WHERE rolname = @p0", across));
        // The audit log is append-only for the app (ADR 0024): reading and inserting, nothing else, in either role.
        foreach (var role in new[] { runtime!, across })
        {
            Assert.True(await app.ScalarAsync<bool>(
                "SELECT has_table_privilege(@p0, 'identity.audit_log', 'SELECT') AND has_table_privilege(@p0, 'identity.audit_log', 'INSERT')", role), role);
            // (several privileges in one call: true if any is held)
            Assert.False(await app.ScalarAsync<bool>("SELECT has_table_privilege(@p0, 'identity.audit_log', 'UPDATE, DELETE, TRUNCATE')", role), role);
        }
    }

    /// <summary>A company with a row in every tenant table: its owner, a member, an invitation, a lead, a deal (won), a note, an activity (and one done), a calendar feed, a digest mark, a WhatsApp connection and conversation awaiting a reply, an audit log entry.</summary>
    private async Task<long> ArrangeCompanyAsync()
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET email_verified_at = now() WHERE id = @p0", owner.UserId); // owners invite once verified
        await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail("invitee") }));
        var lead = await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Joana Lima", email = Given.UniqueEmail("lead"), phone = "(11) 98888-7777" }));
        var deal = await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead, title = "Troca de óleo", value = 150m }));
        await CreatedAsync(owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal}/notes", new { body = "Ligar na sexta." }));
        await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/activities", new { typeId = 1, subject = "Ligar", dueDate = "2026-12-01", dealId = deal }));
        // The reports' kept totals (ADR 0026): a deal won (closed_deal_totals) and an activity done (done_activity_totals).
        var done = await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/activities", new { typeId = 1, subject = "Ligou", dueDate = "2026-11-01", dealId = deal }));
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, $"/api/activities/{done}/complete", new { })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal}/move", new { stageId = 6 })).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Get, "/api/me/calendar")).StatusCode); // calendar_feeds
        await CreatedAsync(owner.SendAsync(HttpMethod.Post, "/api/whatsapp/templates", new { name = "Orçamento", body = "Olá, {{nome}}!" }));
        // WhatsApp times of the lead's phone, as the consumer of WhatsAppMessageSeen writes them (the gateway is not part of
        // this test): the lead now awaits a reply (awaiting_replies).
        await app.ExecuteAsync("INSERT INTO pipeline.whatsapp_conversations (tenant_id, phone, last_in_at) VALUES (@p0, '5511988887777', now())",
            owner.TenantId);
        // The morning digest's once-a-day mark, as the digest job writes it.
        await app.ExecuteAsync("INSERT INTO pipeline.activity_digests (user_id, tenant_id, day, sent_at) VALUES (@p0, @p1, current_date, now())",
            owner.UserId, owner.TenantId);
        // The audit log: a personal-data download is kept there (through Pipeline's outbox, so it is waited for).
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Get, $"/api/leads/{lead}/personal-data")).StatusCode);
        await Eventually.TrueAsync(async () => await app.ScalarAsync<long>("SELECT count(*) FROM identity.audit_log WHERE tenant_id = @p0", owner.TenantId) > 0,
            "the personal-data download in the audit log");
        // An import run to its end, with a rejected row: imports, its file's chunks and its rejections.
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("Nome;E-mail\nAna;ana@example.com\nSem e-mail;\n"u8.ToArray()), "file", "clientes.csv" },
            { new StringContent("leads"), "kind" },
        };
        var upload = owner.Request(HttpMethod.Post, "/api/imports");
        upload.Content = form;
        var uploaded = await owner.Client.SendAsync(upload);
        Assert.Equal(HttpStatusCode.Created, uploaded.StatusCode);
        var import = System.Text.Json.JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("import").GetProperty("id").GetInt64();
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Put, $"/api/imports/{import}/mapping",
            new { mapping = new { name = "Nome", email = "E-mail" }, duplicates = "skip" })).StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, (await owner.SendAsync(HttpMethod.Post, $"/api/imports/{import}/start")).StatusCode);
        await Eventually.TrueAsync(async () => await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.import_rejections WHERE tenant_id = @p0", owner.TenantId) > 0,
            "the import to reject its row");
        // The gateway is not part of this test: the connection row is written as the owner would find it after connecting.
        await app.ExecuteAsync(
            "INSERT INTO whatsapp.whatsapp_connections (tenant_id, whatsapp_connection_status_id, instance_name) VALUES (@p0, 2, @p1)",
            owner.TenantId, $"crm-{owner.TenantId}-test");
        return owner.TenantId;
    }

    private static async Task<long> CreatedAsync(Task<HttpResponseMessage> request)
    {
        using var response = await request;
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Every table of the database with a tenant_id column, schema-qualified, from the catalog.</summary>
    private async Task<List<string>> TenantTablesAsync()
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT n.nspname || '.' || c.relname FROM pg_class c
            JOIN pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relkind IN ('r', 'p') AND n.nspname NOT IN ('pg_catalog', 'information_schema')
            ORDER BY 1
            """, connection);
        var tables = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            tables.Add(reader.GetString(0));
        return tables;
    }

    private static async Task<List<long>> TenantsSeenAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        var seen = new List<long>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
            seen.Add(reader.GetInt64(0));
        return seen;
    }

    private static async Task<long> CountAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task<int> ExecuteAsync(NpgsqlConnection connection, string sql, long tenant)
    {
        await using var command = new NpgsqlCommand(sql, connection) { Parameters = { new NpgsqlParameter<long> { TypedValue = tenant } } };
        return await command.ExecuteNonQueryAsync();
    }

    /// <summary>Runs <paramref name="sql"/> in a savepoint: the rows it changed, or null when the role may not run it at all.</summary>
    private static async Task<int?> RowsOrRefusedAsync(NpgsqlConnection connection, string sql, long tenant)
    {
        await using (var save = new NpgsqlCommand("SAVEPOINT probe", connection))
            await save.ExecuteNonQueryAsync();
        try
        {
            return await ExecuteAsync(connection, sql, tenant);
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            await using var back = new NpgsqlCommand("ROLLBACK TO SAVEPOINT probe", connection);
            await back.ExecuteNonQueryAsync();
            return null;
        }
    }

    /// <summary>Runs <paramref name="sql"/> in a savepoint; null when PostgreSQL refused it for the policy, else what happened.</summary>
    private static async Task<string?> ExpectRefusalAsync(NpgsqlConnection connection, string sql, long tenant)
    {
        await using (var save = new NpgsqlCommand("SAVEPOINT probe", connection))
            await save.ExecuteNonQueryAsync();
        try
        {
            var rows = await ExecuteAsync(connection, sql, tenant);
            return $"{rows} row(s) moved";
        }
        catch (PostgresException ex) when (ex.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            return null;
        }
        finally
        {
            await using var back = new NpgsqlCommand("ROLLBACK TO SAVEPOINT probe", connection);
            await back.ExecuteNonQueryAsync();
        }
    }
}
