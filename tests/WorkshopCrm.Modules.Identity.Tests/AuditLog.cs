using System.Text.Json;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>
/// A Host whose requests come from <see cref="Address"/>: the in-process test server has no connection, so no address,
/// and a real one would be loopback for every test.
/// </summary>
public sealed class AuditFixture : CrmAppFixture
{
    public const string Address = "203.0.113.7";

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<IStartupFilter, FromAddress>();

    private sealed class FromAddress : IStartupFilter
    {
        public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
        {
            app.Use((context, nextMiddleware) =>
            {
                context.Connection.RemoteIpAddress = IPAddress.Parse(Address);
                return nextMiddleware(context);
            });
            next(app);
        };
    }
}

/// <summary>Issue 19: the company's audit log: who did what, when, from where; Business Owner only; append-only for the app.</summary>
public sealed class AuditLog(AuditFixture app) : IClassFixture<AuditFixture>
{
    [Fact]
    public async Task Deactivating_deleting_a_lead_and_anonymizing_each_appear_once_newest_first_with_who_and_where()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Bruno Vendas");
        var doomed = await LeadAsync(owner, "Lia Apagada");
        var forgotten = await LeadAsync(owner, "Rui Esquecido");

        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{doomed}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, $"/api/leads/{forgotten}/anonymize", new { confirm = "Rui Esquecido" })).StatusCode);
        await app.EventsSettledAsync();

        var log = await LogAsync(owner);
        Assert.Equal(3, log.Total);
        Assert.Equal(
            [
                ("anonymize", $"lead #{forgotten}"),
                ("lead_deleted", $"lead #{doomed}"),
                ("user_deactivated", $"user #{seller.UserId} (Bruno Vendas)"),
            ],
            log.Items.Select(e => (e.Action, e.Subject)));
        Assert.All(log.Items, e => Assert.Equal((owner.UserId, "Maria Souza", AuditFixture.Address), (e.User!.Id, e.User.Name, e.Address)));
        Assert.True(log.Items[0].At >= log.Items[1].At && log.Items[1].At >= log.Items[2].At);
        Assert.DoesNotContain(log.Items, e => e.Subject.Contains("Lia", StringComparison.Ordinal) || e.Subject.Contains("Rui", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Reactivating_and_handing_out_personal_data_are_kept_too()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Bruno Vendas");
        var lead = await LeadAsync(owner, "Lia Cliente");
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");

        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/reactivate");
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Get, $"/api/leads/{lead}/personal-data")).StatusCode);
        await app.EventsSettledAsync();

        var actions = (await LogAsync(owner)).Items.Select(e => e.Action);
        Assert.Equal(["personal_data", "user_reactivated", "user_deactivated"], actions);
    }

    [Fact]
    public async Task An_event_from_another_module_delivered_twice_is_kept_once_with_the_name_of_the_user_at_the_time()
    {
        var owner = await app.ACompanyAsync();
        var recorded = new AuditRecorded(owner.TenantId, owner.UserId, AuditActions.Export, "deals (csv)", "198.51.100.4", DateTimeOffset.UtcNow);
        var messageId = NewId.NextGuid();
        var mediator = app.Services.GetRequiredService<IMediator>();

        await mediator.Publish(recorded, Pipe.Execute<PublishContext>(c => c.MessageId = messageId));
        await mediator.Publish(recorded, Pipe.Execute<PublishContext>(c => c.MessageId = messageId));
        await owner.SendAsync(HttpMethod.Put, "/api/me", new { name = "Maria Renomeada" });

        var entry = Assert.Single((await LogAsync(owner)).Items);
        Assert.Equal(("export", "deals (csv)", "198.51.100.4", "Maria Souza"), (entry.Action, entry.Subject, entry.Address, entry.User?.Name));
    }

    [Fact]
    public async Task A_salesperson_may_not_read_the_log()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);

        var response = await seller.SendAsync(HttpMethod.Get, "/api/audit");

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }

    [Fact]
    public async Task Another_companys_entries_never_show()
    {
        var owner = await app.ACompanyAsync();
        var neighbour = await app.ACompanyAsync();
        var neighboursLead = await LeadAsync(neighbour, "Lia Vizinha");
        await neighbour.SendAsync(HttpMethod.Delete, $"/api/leads/{neighboursLead}");
        await app.EventsSettledAsync();

        var log = await LogAsync(owner);

        Assert.Equal(0, log.Total);
        Assert.Empty(log.Items);
        Assert.Equal(1, (await LogAsync(neighbour)).Total);
    }

    [Fact]
    public async Task The_apps_database_role_may_append_and_read_but_never_change_or_remove_an_entry()
    {
        var owner = await app.ACompanyAsync();
        await owner.SendAsync(HttpMethod.Get, $"/api/leads/{await LeadAsync(owner, "Lia Cliente")}/personal-data");
        await app.EventsSettledAsync();
        var runtime = app.Services.GetRequiredService<NpgsqlDataSource>();

        var update = await RefusalAsync(runtime, owner.TenantId, "UPDATE identity.audit_log SET subject = 'nothing happened'");
        var delete = await RefusalAsync(runtime, owner.TenantId, "DELETE FROM identity.audit_log");
        var deleteAcross = await RefusalAsync(runtime, owner.TenantId, $"{RowLevelSecurity.BindAllTenantsCall}; DELETE FROM identity.audit_log");
        var append = await RefusalAsync(runtime, owner.TenantId,
            "INSERT INTO identity.audit_log (tenant_id, audit_action_id, subject, occurred_at) VALUES (current_setting('app.tenant_id')::bigint, 2, 'leads (xlsx)', now())");

        Assert.Equal((PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege, PostgresErrorCodes.InsufficientPrivilege, null),
            (update, delete, deleteAcross, append));
        Assert.Equal(["personal_data"], (await LogAsync(owner)).Items.Select(e => e.Action));
    }

    [Fact]
    public async Task Deleting_the_company_takes_its_log_along()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.audit_log WHERE tenant_id = @p0", owner.TenantId));

        var response = await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = owner.Password, companyName = owner.CompanyName });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.audit_log WHERE tenant_id = @p0", owner.TenantId));
    }

    private sealed record AuditUserBody(long Id, string Name);

    private sealed record AuditEntryBody(long Id, DateTimeOffset At, AuditUserBody? User, string Action, string Subject, string? Address);

    private sealed record AuditPage(List<AuditEntryBody> Items, int Page, int PageSize, int Total);

    private static Task<AuditPage> LogAsync(Account owner) => owner.SendAsync(HttpMethod.Get, "/api/audit?page=1&pageSize=50").ReadAsync<AuditPage>();

    private static async Task<long> LeadAsync(Account owner, string name)
    {
        var response = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name, email = Given.UniqueEmail("lead") });
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, text);
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Runs <paramref name="sql"/> over the Host's own runtime connection bound to the tenant: the SQLSTATE it was refused with, or null.</summary>
    private static async Task<string?> RefusalAsync(NpgsqlDataSource runtime, long tenantId, string sql)
    {
        await using var connection = await runtime.OpenConnectionAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        await using (var bind = new NpgsqlCommand(RowLevelSecurity.BindTenantCall, connection, transaction) { Parameters = { new NpgsqlParameter<long> { TypedValue = tenantId } } })
            await bind.ExecuteNonQueryAsync();
        try
        {
            await using var command = new NpgsqlCommand(sql, connection, transaction);
            await command.ExecuteNonQueryAsync();
            await transaction.RollbackAsync(); // the wall held or not; nothing is kept either way
            return null;
        }
        catch (PostgresException ex)
        {
            return ex.SqlState;
        }
    }
}
