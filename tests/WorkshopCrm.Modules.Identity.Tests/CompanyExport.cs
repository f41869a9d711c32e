using System.IO.Compression;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using Sylvan.Data.Csv;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>
/// A company with something in every module — people, a lead with a deal, a note and an activity, an invitation, a
/// WhatsApp connection and a saved reply — and a stranger company beside it.
/// </summary>
public sealed class CompanyExportFixture : CrmAppFixture
{
    public Account Owner { get; private set; } = null!;
    public Account Seller { get; private set; } = null!;
    public Account Stranger { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        Owner = await this.ACompanyAsync(companyName: "Oficina São José");
        Seller = await this.AColleagueAsync(Owner, name: "Sam Vendas");
        var lead = await Created(Owner, "/api/leads", new { name = "Lia Gonçalves", email = "lia@exemplo.com.br", phone = "+55 71 98765-4321" });
        var deal = await Created(Owner, "/api/deals", new { leadId = lead, title = "Revisão completa", value = 1500.50m });
        await Created(Owner, $"/api/deals/{deal}/notes", new { body = "Cliente pediu desconto" });
        await Created(Owner, "/api/activities", new { typeId = 1, subject = "Ligar amanhã", dueDate = "2026-12-01", dealId = deal });
        await Created(Owner, "/api/whatsapp/templates", new { name = "Boas-vindas", body = "Olá!" });
        await ExecuteAsync(
            "INSERT INTO invitations.invitations (tenant_id, invited_by_user_id, invitation_status_id, email, token, expires_at, created_at, updated_at) " +
            "VALUES (@p0, @p1, 1, 'novo@exemplo.com.br', 'invitation-token-hash-0123456789abcdef', now() + interval '7 days', now(), now())",
            Owner.TenantId, Owner.UserId);
        await ExecuteAsync(
            "INSERT INTO whatsapp.whatsapp_connections (tenant_id, whatsapp_connection_status_id, instance_name, instance_id, phone_number, created_at, updated_at) " +
            "VALUES (@p0, 1, 'crm-instance', 'evolution-instance-id-0123456789', '5571987654321', now(), now())", Owner.TenantId);

        Stranger = await this.ACompanyAsync(companyName: "Oficina Estranha");
        await Created(Stranger, "/api/leads", new { name = "Estranho Secreto", email = "estranho@outra.example" });
        await this.EventsSettledAsync();
    }

    private static async Task<long> Created(Account account, string path, object body)
    {
        var response = await account.SendAsync(HttpMethod.Post, path, body);
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"{path}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<IdBody>())!.Id;
    }

    private sealed record IdBody(long Id);
}

public sealed class CompanyExport(CompanyExportFixture app) : IClassFixture<CompanyExportFixture>
{
    [Fact]
    public async Task The_company_zip_holds_one_csv_per_table_of_every_module()
    {
        var response = await app.Owner.SendAsync(HttpMethod.Get, "/api/tenant/export");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/zip", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal($"attachment; filename=\"workshop-crm-oficina-sao-jose-{DateTime.UtcNow:yyyy-MM-dd}.zip\"", response.Content.Headers.ContentDisposition?.ToString());
        var zip = await FilesAsync(response);
        foreach (var file in new[]
        {
            "identity/tenants.csv", "identity/users.csv", "pipeline/pipeline_stages.csv", "pipeline/leads.csv", "pipeline/deals.csv",
            "pipeline/deal_notes.csv", "pipeline/activities.csv", "pipeline/deal_events.csv", "invitations/invitations.csv",
            "whatsapp/whatsapp_connections.csv", "whatsapp/whatsapp_templates.csv",
        })
        {
            Assert.Contains(file, zip.Keys);
        }

        var deal = Assert.Single(Rows(zip["pipeline/deals.csv"]));
        Assert.Equal(("Revisão completa", "1500,50"), (deal["title"], deal["value"]));
        Assert.Matches(@"^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2}$", deal["created_at"]);
        Assert.Equal("Cliente pediu desconto", Assert.Single(Rows(zip["pipeline/deal_notes.csv"]))["body"]);
        Assert.Equal("Oficina São José", Assert.Single(Rows(zip["identity/tenants.csv"]))["name"]);
        Assert.Equal(7, Rows(zip["pipeline/pipeline_stages.csv"]).Count);
    }

    [Fact]
    public async Task No_password_hash_token_or_secret_is_anywhere_in_it()
    {
        var secrets = new List<string>();
        foreach (var sql in new[]
        {
            "SELECT string_agg(password, '|') FROM identity.users WHERE tenant_id = @p0",
            "SELECT string_agg(s.token_hash, '|') FROM identity.sessions s JOIN identity.users u ON u.id = s.user_id WHERE u.tenant_id = @p0",
            "SELECT string_agg(t.token, '|') FROM identity.email_verification_tokens t JOIN identity.users u ON u.id = t.user_id WHERE u.tenant_id = @p0",
            "SELECT string_agg(token, '|') FROM invitations.invitations WHERE tenant_id = @p0",
            "SELECT string_agg(instance_id, '|') FROM whatsapp.whatsapp_connections WHERE tenant_id = @p0",
        })
        {
            secrets.AddRange((await app.ScalarAsync<string>(sql, app.Owner.TenantId) ?? "").Split('|', StringSplitOptions.RemoveEmptyEntries));
        }

        var zip = await FilesAsync(await app.Owner.SendAsync(HttpMethod.Get, "/api/tenant/export"));

        Assert.True(secrets.Count >= 5, $"Only {secrets.Count} secrets to look for.");
        foreach (var (name, text) in zip)
        {
            Assert.All(secrets, secret => Assert.DoesNotContain(secret, text));
            var header = text.Split("\r\n")[0];
            Assert.DoesNotContain("password", header);
            Assert.DoesNotContain("token", header);
            Assert.DoesNotContain("remember", header);
            Assert.DoesNotContain("secret", header);
        }
    }

    [Fact]
    public async Task It_holds_only_that_companys_rows()
    {
        var zip = await FilesAsync(await app.Owner.SendAsync(HttpMethod.Get, "/api/tenant/export"));

        Assert.All(zip.Values, text => Assert.DoesNotContain("Estranh", text));
        Assert.Equal([app.Owner.Email, app.Seller.Email], Rows(zip["identity/users.csv"]).Select(u => u["email"]));
        Assert.Equal("lia@exemplo.com.br", Assert.Single(Rows(zip["pipeline/leads.csv"]))["email"]);
        Assert.Equal("'+55 71 98765-4321", Rows(zip["pipeline/leads.csv"])[0]["phone"]);
    }

    [Fact]
    public async Task A_salesperson_may_not_download_the_company()
    {
        var response = await app.Seller.SendAsync(HttpMethod.Get, "/api/tenant/export");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task The_download_is_on_record_for_the_companys_audit_log()
    {
        await app.Stranger.SendAsync(HttpMethod.Get, "/api/tenant/export");

        var recorded = await app.ScalarAsync<long>(
            "SELECT count(*) FROM identity.outbox_messages WHERE type LIKE 'WorkshopCrm.Contracts.Identity.AuditRecorded,%' " +
            "AND (payload->>'tenantId')::bigint = @p0 AND (payload->>'userId')::bigint = @p1 AND payload->>'action' = 'company_export'",
            app.Stranger.TenantId, app.Stranger.UserId);
        Assert.Equal(1L, recorded);
    }

    [Fact]
    public async Task Every_table_of_every_module_is_exported_or_withheld_with_a_reason()
    {
        var modules = app.Services.GetServices<ITenantDataExport>().ToList();
        var declared = modules.SelectMany(m => m.Tables.Select(t => $"{m.Schema}.{t.Name}").Concat(m.Withheld.Keys.Select(t => $"{m.Schema}.{t}"))).ToHashSet();

        var tables = (await app.ScalarAsync<string>(
            "SELECT string_agg(table_schema || '.' || table_name, ',') FROM information_schema.tables " +
            "WHERE table_schema IN ('identity', 'pipeline', 'invitations', 'whatsapp') AND table_type = 'BASE TABLE' " +
            "AND table_name NOT IN ('outbox_messages', 'inbox_messages', '__ef_migrations_history')"))!.Split(',');

        Assert.Equal(4, modules.Count);
        Assert.True(tables.Length > 20, $"Only {tables.Length} tables found.");
        var forgotten = tables.Where(t => !declared.Contains(t)).ToList();
        Assert.True(forgotten.Count == 0, "Neither exported nor withheld (ITenantDataExport): " + string.Join(", ", forgotten));
        Assert.All(modules.SelectMany(m => m.Withheld.Values), reason => Assert.False(string.IsNullOrWhiteSpace(reason)));
    }

    private static async Task<Dictionary<string, string>> FilesAsync(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        using var zip = new ZipArchive(new MemoryStream(await response.Content.ReadAsByteArrayAsync()), ZipArchiveMode.Read);
        var files = new Dictionary<string, string>();
        foreach (var entry in zip.Entries.Where(e => e.FullName.EndsWith(".csv", StringComparison.Ordinal)))
        {
            using var reader = new StreamReader(entry.Open(), Encoding.UTF8, detectEncodingFromByteOrderMarks: true);
            files[entry.FullName] = await reader.ReadToEndAsync();
        }

        return files;
    }

    private static List<Dictionary<string, string>> Rows(string text)
    {
        using var csv = CsvDataReader.Create(new StringReader(text), new CsvDataReaderOptions { Delimiter = ';' });
        var header = Enumerable.Range(0, csv.FieldCount).Select(csv.GetName).ToList();
        var rows = new List<Dictionary<string, string>>();
        while (csv.Read())
            rows.Add(header.Select((name, i) => (name, i)).ToDictionary(c => c.name, c => csv.GetString(c.i)));
        return rows;
    }
}
