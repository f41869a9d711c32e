using System.Globalization;
using System.Text;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>
/// The reports read totals kept per company day by the database (pipeline.created_deal_totals, closed_deal_totals,
/// done_activity_totals, open_activity_totals; ADR 0026), not a count over the deals and activities: every write that
/// changes them must keep them exact, under concurrency too, and the reports must say what the rows say.
/// </summary>
public sealed class KeptReportTotals(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    private static string Today => PipelineGiven.SaoPauloToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string Yesterday => PipelineGiven.SaoPauloToday().AddDays(-1).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);

    private static string TodayOnly => $"?from={Today}&to={Today}";

    [Fact]
    public async Task Every_write_keeps_the_totals_exact_and_the_reports_follow()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await owner.ALeadAsync();
        var doomedLead = await owner.ALeadAsync();
        var yesterday = PipelineGiven.SaoPauloToday().AddDays(-1);
        var a = await owner.ADealAsync(lead.Id, "A", 100m);
        var b = await owner.ADealAsync(lead.Id, "B", 200m, stageId: 2);
        var c = await owner.ADealAsync(lead.Id, "C", 400m);
        await owner.ADealAsync(doomedLead.Id, "Cascaded", 800m, stageId: 2);
        var first = await owner.AnActivityAsync(leadId: lead.Id, subject: "Primeira", dueDate: yesterday);
        var second = await owner.AnActivityAsync(dealId: a.Id, subject: "Segunda", dueDate: yesterday, dueTime: "09:00");
        var allDay = await owner.AnActivityAsync(leadId: lead.Id, subject: "Hoje, o dia todo");
        await owner.AnActivityAsync(leadId: doomedLead.Id, subject: "Cascateada", dueDate: yesterday);
        await owner.AnActivityAsync(leadId: lead.Id, subject: "Do vendedor", dueDate: yesterday, ownerId: seller.UserId);
        await NoDriftAsync(owner, "creates");

        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(a.Id, 3)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(b.Id, 6)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(c.Id, 7, lossReason: "Preço")).StatusCode);
        await NoDriftAsync(owner, "moves into a later stage, Won and Lost");
        var reassigned = await owner.SendAsync(HttpMethod.Put, $"/api/deals/{b.Id}/owner", new { ownerId = seller.UserId }).ReadAsync<DealBody>();
        await NoDriftAsync(owner, "a won deal reassigned");
        await owner.SendAsync(HttpMethod.Put, $"/api/deals/{b.Id}", new { title = "B", value = 250m, version = reassigned.Version }).ReadAsync<DealBody>();
        await NoDriftAsync(owner, "a won deal's value edited");
        var gone = await owner.ADealAsync(lead.Id, "Gone", 10m, stageId: 6);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{gone.Id}")).StatusCode);
        await NoDriftAsync(owner, "a won deal deleted");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{doomedLead.Id}")).StatusCode);
        await NoDriftAsync(owner, "a lead deleted with its deal and activity");

        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{first.Id}/complete", new { }).ReadAsync<ActivityBody>();
        await NoDriftAsync(owner, "an activity completed");
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{first.Id}/reopen", new { }).ReadAsync<ActivityBody>();
        await NoDriftAsync(owner, "an activity reopened");
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/activities/{first.Id}")).StatusCode);
        await NoDriftAsync(owner, "an activity deleted");
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{second.Id}/complete", new { outcome = "Feito" }).ReadAsync<ActivityBody>();
        await owner.SendAsync(HttpMethod.Put, $"/api/activities/{allDay.Id}",
            new { typeId = 1, subject = "Ontem às 10h", dueDate = Yesterday, dueTime = "10:00" }).ReadAsync<ActivityBody>();
        await NoDriftAsync(owner, "an activity's due day and time edited");

        // Created today and still here: A (reached Proposal, open), B (Won, the seller's now), C (Lost from New Lead).
        var funnel = await owner.SendAsync(HttpMethod.Get, "/api/reports/funnel" + TodayOnly).ReadAsync<FunnelBody>();
        Assert.Equal((3, 1), (funnel.Created, funnel.Lost));
        Assert.Equal([3, 2, 2, 1, 1, 1], funnel.Stages.Select(s => s.Reached));
        var sellersFunnel = await owner.SendAsync(HttpMethod.Get, $"/api/reports/funnel{TodayOnly}&ownerId={seller.UserId}").ReadAsync<FunnelBody>();
        Assert.Equal((1, 0), (sellersFunnel.Created, sellersFunnel.Lost));
        var outcomes = await owner.SendAsync(HttpMethod.Get, "/api/reports/outcomes" + TodayOnly).ReadAsync<OutcomesBody>();
        Assert.Equal((new TallyBody(1, 250m), new TallyBody(1, 400m)), (outcomes.Total.Won, outcomes.Total.Lost));
        var team = await owner.SendAsync(HttpMethod.Get, "/api/reports/team" + TodayOnly).ReadAsync<TeamBody>();
        var mine = team.Members.Single(m => m.Owner.Id == owner.UserId);
        var theirs = team.Members.Single(m => m.Owner.Id == seller.UserId);
        Assert.Equal((new TallyBody(1, 100m), 0, 1, 1, 1), (mine.Open, mine.Won.Count, mine.Lost.Count, mine.ActivitiesDone, mine.ActivitiesOverdue));
        Assert.Equal((new TallyBody(1, 250m), 0, 0, 1), (theirs.Won, theirs.Lost.Count, theirs.ActivitiesDone, theirs.ActivitiesOverdue));
    }

    [Fact]
    public async Task An_imports_bulk_insert_is_counted_like_any_other_write()
    {
        var owner = await app.ACompanyAsync();
        var sheet = new StringBuilder("Nome;E-mail;Valor\n");
        for (var i = 0; i < 30; i++)
            sheet.Append(CultureInfo.InvariantCulture, $"Cliente {i};cliente{i}@example.com;{i},50\n");

        var import = await owner.ImportAsync(Encoding.UTF8.GetBytes(sheet.ToString()), "clientes.csv", kind: "deals");

        Assert.Equal(("Completed", 30), (import.Status, import.Created));
        await NoDriftAsync(owner, "an import");
        Assert.Equal(30, (await owner.SendAsync(HttpMethod.Get, "/api/reports/funnel" + TodayOnly).ReadAsync<FunnelBody>()).Created);
    }

    [Fact]
    public async Task Concurrent_completions_and_wins_of_one_owner_lose_no_update_and_never_deadlock()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var deals = new List<DealBody>();
        var activities = new List<ActivityBody>();
        for (var i = 0; i < 12; i++)
        {
            deals.Add(await owner.ADealAsync(lead.Id, $"D{i}", 10m, stageId: 2));
            activities.Add(await owner.AnActivityAsync(leadId: lead.Id, subject: $"A{i}"));
        }

        var answers = await Task.WhenAll(
            deals.Select(d => owner.MoveAsync(d.Id, 6))
                .Concat(activities.Select(a => owner.SendAsync(HttpMethod.Post, $"/api/activities/{a.Id}/complete", new { }))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        await NoDriftAsync(owner, "concurrent wins and completions");
        var me = (await owner.SendAsync(HttpMethod.Get, "/api/reports/team" + TodayOnly).ReadAsync<TeamBody>()).Members.Single();
        Assert.Equal((new TallyBody(12, 120m), 12), (me.Won, me.ActivitiesDone));
    }

    [Fact]
    public async Task A_company_deleted_takes_its_totals_and_the_verify_check_finds_and_repairs_drift()
    {
        var doomed = await app.ACompanyAsync();
        var lead = await doomed.ALeadAsync();
        await doomed.ADealAsync(lead.Id, "Ganho", 5m, stageId: 6);
        var done = await doomed.AnActivityAsync(leadId: lead.Id);
        await doomed.SendAsync(HttpMethod.Post, $"/api/activities/{done.Id}/complete", new { }).ReadAsync<ActivityBody>();
        await doomed.AnActivityAsync(leadId: lead.Id);
        var kept = await app.ACompanyAsync();
        await kept.ADealAsync("Mantido", 7m);
        foreach (var table in Tables)
            Assert.True(await RowsAsync(table, doomed) > 0, $"{table} has no rows of the company before its deletion");

        await doomed.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = doomed.Password, companyName = doomed.CompanyName });
        await app.EventsSettledAsync();
        await app.ExecuteAsync("UPDATE pipeline.created_deal_totals SET deal_count = deal_count + 2 WHERE tenant_id = @p0", kept.TenantId); // drift, made by hand
        var check = app.Services.GetServices<IConsistencyCheck>().OfType<global::WorkshopCrm.Modules.Pipeline.Reports.ReportTotalsCheck>().Single();
        using var report = new StringWriter();
        var found = await check.CheckAsync(report, repair: true, CancellationToken.None);

        foreach (var table in Tables)
            Assert.Equal(0L, await RowsAsync(table, doomed));
        Assert.Equal(1, found);
        Assert.Contains($"pipeline.created_deal_totals tenant {kept.TenantId}", report.ToString(), StringComparison.Ordinal);
        await NoDriftAsync(kept, "the repair");
        Assert.Equal(1, (await kept.SendAsync(HttpMethod.Get, "/api/reports/funnel" + TodayOnly).ReadAsync<FunnelBody>()).Created);
        using var again = new StringWriter();
        Assert.Equal(0, await check.CheckAsync(again, repair: false, CancellationToken.None));
    }

    private static readonly string[] Tables =
        ["pipeline.created_deal_totals", "pipeline.closed_deal_totals", "pipeline.done_activity_totals", "pipeline.open_activity_totals"];

    private Task<long> RowsAsync(string table, Account company) =>
        app.ScalarAsync<long>($"SELECT count(*) FROM {table} WHERE tenant_id = @p0", company.TenantId);

    /// <summary>No row of the drift check for the company: its kept totals are exactly what its deals and activities say.</summary>
    private async Task NoDriftAsync(Account company, string after)
    {
        var drift = await app.ScalarAsync<string>(
            "SELECT string_agg(totals || ' ' || key || ': kept ' || kept || ', actual ' || actual, '; ') FROM pipeline.report_totals_drift() WHERE tenant_id = @p0",
            company.TenantId);
        Assert.True(drift is null, $"after {after}: {drift}");
    }
}

/// <summary>
/// The totals count days of the company's calendar, which the database learns from the Host (Pipeline:TimeZone, ADR
/// 0026): a new zone rebuilds them, and the verify check says when the database counts in another zone than the Host.
/// A database of its own, since its zone changes here.
/// </summary>
public sealed class KeptReportTotalsTimeZone(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task A_new_time_zone_rebuilds_the_totals_in_its_days_and_verify_puts_back_the_hosts()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var deal = await owner.ADealAsync(lead.Id, "Fechado às 23h30", 900m, stageId: 6);
        var activity = await owner.AnActivityAsync(leadId: lead.Id);
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { }).ReadAsync<ActivityBody>();
        // 23:30 on 1 October in São Paulo, 02:30 on 2 October in UTC.
        await app.ExecuteAsync("UPDATE pipeline.deals SET created_at = '2026-10-02T02:30:00Z', stage_entered_at = '2026-10-02T02:30:00Z' WHERE id = @p0", deal.Id);
        await app.ExecuteAsync("UPDATE pipeline.activities SET done_at = '2026-10-02T02:30:00Z' WHERE id = @p0", activity.Id);
        Assert.Equal((1, 0), (await CreatedAsync(owner, "2026-10-01"), await CreatedAsync(owner, "2026-10-02")));

        Assert.True(await app.ScalarAsync<bool>("SELECT pipeline.use_time_zone_for_reports('Etc/UTC')"));
        Assert.False(await app.ScalarAsync<bool>("SELECT pipeline.use_time_zone_for_reports('Etc/UTC')"));

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.report_totals_drift()"));
        Assert.Equal((0, 1), (await CreatedAsync(owner, "2026-10-01"), await CreatedAsync(owner, "2026-10-02")));
        var won = await owner.SendAsync(HttpMethod.Get, "/api/reports/outcomes?from=2026-10-02&to=2026-10-02").ReadAsync<OutcomesBody>();
        Assert.Equal(new TallyBody(1, 900m), won.Total.Won);
        var team = await owner.SendAsync(HttpMethod.Get, "/api/reports/team?from=2026-10-02&to=2026-10-02").ReadAsync<TeamBody>();
        Assert.Equal(1, team.Members.Single().ActivitiesDone);
        await Assert.ThrowsAsync<Npgsql.PostgresException>(() => app.ScalarAsync<bool>("SELECT pipeline.use_time_zone_for_reports('Nowhere/Else')"));

        var check = app.Services.GetServices<IConsistencyCheck>().OfType<global::WorkshopCrm.Modules.Pipeline.Reports.ReportTotalsCheck>().Single();
        using var report = new StringWriter();
        Assert.Equal(1, await check.CheckAsync(report, repair: true, CancellationToken.None));

        Assert.Contains("the report totals count days in Etc/UTC, Pipeline:TimeZone says America/Sao_Paulo", report.ToString(), StringComparison.Ordinal);
        Assert.Equal("America/Sao_Paulo", await app.ScalarAsync<string>("SELECT time_zone FROM pipeline.company_time_zone"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.report_totals_drift()"));
        Assert.Equal((1, 0), (await CreatedAsync(owner, "2026-10-01"), await CreatedAsync(owner, "2026-10-02")));
    }

    private static async Task<int> CreatedAsync(Account owner, string day) =>
        (await owner.SendAsync(HttpMethod.Get, $"/api/reports/funnel?from={day}&to={day}").ReadAsync<FunnelBody>()).Created;
}

/// <summary>
/// The time-zone service's stop after its Dispose: a WebApplicationFactory host can dispose its services before its
/// own stop reaches them, and that failed a test run's cleanup (ObjectDisposedException) on a loaded machine.
/// </summary>
public sealed class ReportTimeZoneShutdown
{
    [Fact]
    public async Task Stopping_after_being_disposed_is_quiet()
    {
        var service = new global::WorkshopCrm.Modules.Pipeline.Reports.ReportTimeZone(null!, null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<global::WorkshopCrm.Modules.Pipeline.Reports.ReportTimeZone>.Instance);
        service.Dispose();

        await service.StopAsync(CancellationToken.None);
    }
}
