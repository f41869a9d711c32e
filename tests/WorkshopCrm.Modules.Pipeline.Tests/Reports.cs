using System.Globalization;
using System.Text;
using Sylvan.Data.Csv;

namespace WorkshopCrm.Modules.Pipeline.Tests;

internal sealed record TallyBody(int Count, decimal Value);

internal sealed record OutcomeGroupBody(string Key, Ref? Owner, TallyBody Won, TallyBody Lost, double? WinRateByCount, double? WinRateByValue, double? AverageDaysToWin);

internal sealed record OutcomePeriodBody(DateOnly From, DateOnly To, List<OutcomeGroupBody> Groups, OutcomeGroupBody Total);

internal sealed record OutcomesBody(DateOnly From, DateOnly To, string GroupBy, List<OutcomeGroupBody> Groups, OutcomeGroupBody Total, OutcomePeriodBody Previous);

internal sealed record FunnelStageBody(Ref Stage, int Reached, double? ConversionToNext);

internal sealed record FunnelBody(DateOnly From, DateOnly To, int Created, List<FunnelStageBody> Stages, int Lost);

internal sealed record LossReasonBody(string Reason, int Count, decimal Value);

internal sealed record LossReasonsBody(List<LossReasonBody> Reasons, LossReasonBody? Others, int TotalCount, decimal TotalValue);

internal sealed record TeamMemberBody(Ref Owner, bool Active, TallyBody Open, TallyBody Won, TallyBody Lost, double? WinRate, double? AverageDaysToWin, int ActivitiesDone, int ActivitiesOverdue);

internal sealed record TeamBody(List<TeamMemberBody> Members);

/// <summary>
/// One company's October 2026, computed by hand (São Paulo time, UTC-3): the reports must say exactly this. Deals are
/// made and moved through the API; then their creation and closing times are set where the fixture needs them.
/// </summary>
public sealed class ReportsFixture : CrmAppFixture
{
    public const string October = "?from=2026-10-01&to=2026-10-31";

    public Account Owner { get; private set; } = null!;
    public Account Seller { get; private set; } = null!;

    protected override async Task SeedAsync()
    {
        Owner = await this.ACompanyAsync();
        Seller = await this.AColleagueAsync(Owner, name: "Sam Vendas");
        var lead = await Owner.ALeadAsync("Lia Cliente");
        var sellersLead = await Seller.ALeadAsync("Caio Cliente");

        // W1: the seller's, reassigned to the owner, won 10 days after it was created: the owner's win.
        var w1 = await Deal(Seller, "W1", 1000m);
        await Owner.MoveAsync(w1, 6).ReadAsync<CardBody>();
        await Owner.SendAsync(HttpMethod.Put, $"/api/deals/{w1}/owner", new { ownerId = Owner.UserId }).ReadAsync<DealBody>();
        await Times(w1, "2026-10-01T03:00:00Z", "2026-10-11T03:00:00Z");
        // W2: the seller's, through Contacted, won at 23:30 on 31 October in São Paulo (already 1 November in UTC).
        var w2 = await Deal(Seller, "W2", 3000m);
        await Seller.MoveAsync(w2, 2).ReadAsync<CardBody>();
        await Seller.MoveAsync(w2, 6).ReadAsync<CardBody>();
        await Times(w2, "2026-10-05T12:00:00Z", "2026-11-01T02:30:00Z");
        // W3: won at 00:30 on 1 November in São Paulo: November's, though created in October.
        var w3 = await Deal(Owner, "W3", 500m);
        await Owner.MoveAsync(w3, 6).ReadAsync<CardBody>();
        await Times(w3, "2026-10-02T12:00:00Z", "2026-11-01T03:30:00Z");
        // W4: won in September: the previous period's.
        var w4 = await Deal(Owner, "W4", 700m);
        await Owner.MoveAsync(w4, 6).ReadAsync<CardBody>();
        await Times(w4, "2026-09-10T12:00:00Z", "2026-09-30T12:00:00Z");
        // Lost in October: "Preço" four ways, and one other reason.
        var l1 = await Deal(Seller, "L1", 2000m);
        await Seller.MoveAsync(l1, 3).ReadAsync<CardBody>();
        await Seller.MoveAsync(l1, 7, lossReason: "Preço").ReadAsync<CardBody>();
        await Times(l1, "2026-10-03T12:00:00Z", "2026-10-15T15:00:00Z");
        await Lost(await Deal(Owner, "L2", 400m), " preco ", "2026-10-20T12:00:00Z");
        await Lost(await Deal(Owner, "L4", 100m, stageId: 4), "PREÇO", "2026-10-21T12:00:00Z");
        await Lost(await Deal(Owner, "L5", 50m), "Preço", "2026-10-22T12:00:00Z");
        await Lost(await Deal(Owner, "L6", 300m), "Prazo  de entrega", "2026-10-23T12:00:00Z");
        // L3: lost, then brought back to Qualified: open, not lost.
        var l3 = await Deal(Owner, "L3", 800m);
        await Owner.MoveAsync(l3, 7, lossReason: "Sem orçamento").ReadAsync<CardBody>();
        await Owner.MoveAsync(l3, 3).ReadAsync<CardBody>();
        await Times(l3, "2026-10-06T12:00:00Z", "2026-10-25T12:00:00Z");
        // Activities: one the owner completed in October, one the seller has overdue now.
        var done = await Owner.AnActivityAsync(dealId: l3, dueDate: new DateOnly(2026, 10, 10));
        await Owner.SendAsync(HttpMethod.Post, $"/api/activities/{done.Id}/complete", new { }).ReadAsync<ActivityBody>();
        await ExecuteAsync("UPDATE pipeline.activities SET done_at = '2026-10-10T15:00:00Z' WHERE id = @p0", done.Id);
        await Seller.AnActivityAsync(leadId: sellersLead.Id, dueDate: PipelineGiven.SaoPauloToday().AddDays(-1));
        // Another company's October win never counts.
        var stranger = await this.ACompanyAsync();
        var theirs = await stranger.ADealAsync("Theirs", 99_999m);
        await stranger.MoveAsync(theirs.Id, 6).ReadAsync<CardBody>();
        await ExecuteAsync("UPDATE pipeline.deals SET created_at = '2026-10-02T12:00:00Z', stage_entered_at = '2026-10-10T12:00:00Z' WHERE id = @p0", theirs.Id);

        async Task<long> Deal(Account who, string title, decimal value, long? stageId = null) =>
            (await who.ADealAsync(who == Seller ? sellersLead.Id : lead.Id, title, value, stageId)).Id;

        async Task Lost(long id, string reason, string at)
        {
            await Owner.MoveAsync(id, 7, lossReason: reason).ReadAsync<CardBody>();
            await Times(id, "2026-10-04T12:00:00Z", at);
        }

        Task Times(long id, string created, string closed) => ExecuteAsync(
            "UPDATE pipeline.deals SET created_at = @p0, stage_entered_at = @p1 WHERE id = @p2",
            DateTimeOffset.Parse(created, CultureInfo.InvariantCulture), DateTimeOffset.Parse(closed, CultureInfo.InvariantCulture), id);
    }
}

public sealed class Reports(ReportsFixture app) : IClassFixture<ReportsFixture>
{
    [Fact]
    public async Task Results_count_wins_and_losses_by_when_they_closed_in_Sao_Paulo_with_the_previous_period_beside()
    {
        var report = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/outcomes" + ReportsFixture.October).ReadAsync<OutcomesBody>();

        Assert.Equal(new TallyBody(2, 4000m), report.Total.Won);
        Assert.Equal(new TallyBody(5, 2850m), report.Total.Lost);
        Assert.Equal((0.2857, 0.5839, 18.3), (report.Total.WinRateByCount, report.Total.WinRateByValue, report.Total.AverageDaysToWin));
        Assert.Equal(["2026-10"], report.Groups.Select(g => g.Key));
        Assert.Equal((new DateOnly(2026, 9, 1), new DateOnly(2026, 9, 30)), (report.Previous.From, report.Previous.To));
        Assert.Equal((new TallyBody(1, 700m), new TallyBody(0, 0m)), (report.Previous.Total.Won, report.Previous.Total.Lost));
    }

    [Fact]
    public async Task By_owner_a_reassigned_deal_counts_for_its_owner_now_and_a_salesperson_sees_only_its_own()
    {
        var byOwner = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/outcomes" + ReportsFixture.October + "&groupBy=owner").ReadAsync<OutcomesBody>();
        var sellers = await app.Seller.SendAsync(HttpMethod.Get, "/api/reports/outcomes" + ReportsFixture.October).ReadAsync<OutcomesBody>();

        var owner = byOwner.Groups.Single(g => g.Owner!.Id == app.Owner.UserId);
        var seller = byOwner.Groups.Single(g => g.Owner!.Id == app.Seller.UserId);
        Assert.Equal((new TallyBody(1, 1000m), new TallyBody(4, 850m)), (owner.Won, owner.Lost));
        Assert.Equal((new TallyBody(1, 3000m), new TallyBody(1, 2000m), 0.5, 0.6), (seller.Won, seller.Lost, seller.WinRateByCount, seller.WinRateByValue));
        Assert.Equal((new TallyBody(1, 3000m), new TallyBody(1, 2000m)), (sellers.Total.Won, sellers.Total.Lost));
        var forbidden = await app.Seller.SendAsync(HttpMethod.Get, $"/api/reports/outcomes{ReportsFixture.October}&ownerId={app.Owner.UserId}");
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
    }

    [Fact]
    public async Task The_funnel_follows_each_deal_created_in_the_period_as_far_as_it_got()
    {
        var funnel = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/funnel" + ReportsFixture.October).ReadAsync<FunnelBody>();

        Assert.Equal((9, 5), (funnel.Created, funnel.Lost));
        Assert.Equal([9, 6, 6, 4, 3, 3], funnel.Stages.Select(s => s.Reached));
        Assert.Equal([0.6667, 1.0, 0.6667, 0.75, 1.0, null], funnel.Stages.Select(s => s.ConversionToNext));
        Assert.Equal(6L, funnel.Stages[^1].Stage.Id);
    }

    [Fact]
    public async Task Loss_reasons_fold_case_accents_and_spaces()
    {
        var report = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/loss-reasons" + ReportsFixture.October).ReadAsync<LossReasonsBody>();

        Assert.Equal([new LossReasonBody("Preço", 4, 2550m), new LossReasonBody("Prazo de entrega", 1, 300m)], report.Reasons);
        Assert.Null(report.Others);
        Assert.Equal((5, 2850m), (report.TotalCount, report.TotalValue));
    }

    [Fact]
    public async Task The_team_report_is_the_business_owners()
    {
        var team = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/team" + ReportsFixture.October).ReadAsync<TeamBody>();

        var owner = team.Members.Single(m => m.Owner.Id == app.Owner.UserId);
        var seller = team.Members.Single(m => m.Owner.Id == app.Seller.UserId);
        Assert.Equal((new TallyBody(1, 800m), 1, 4, 1, 0), (owner.Open, owner.Won.Count, owner.Lost.Count, owner.ActivitiesDone, owner.ActivitiesOverdue));
        Assert.Equal((0, 1, 1, 0.5, 26.6, 1), (seller.Open.Count, seller.Won.Count, seller.Lost.Count, seller.WinRate, seller.AverageDaysToWin, seller.ActivitiesOverdue));
        Assert.Equal(HttpStatusCode.Forbidden, (await app.Seller.SendAsync(HttpMethod.Get, "/api/reports/team")).StatusCode);
    }

    [Fact]
    public async Task Every_report_downloads_as_a_csv_that_excel_in_portuguese_opens()
    {
        var response = await app.Owner.SendAsync(HttpMethod.Get, "/api/reports/loss-reasons" + ReportsFixture.October + "&format=csv");

        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        using var csv = CsvDataReader.Create(new StringReader(Encoding.UTF8.GetString(bytes[3..])), new CsvDataReaderOptions { Delimiter = ';' });
        Assert.Equal(["Motivo", "Negócios", "Valor (R$)"], Enumerable.Range(0, csv.FieldCount).Select(csv.GetName));
        Assert.True(await csv.ReadAsync());
        Assert.Equal(("Preço", "4", "2550,00"), (csv.GetString(0), csv.GetString(1), csv.GetString(2)));
        foreach (var name in new[] { "funnel", "outcomes", "team" })
        {
            var request = app.Owner.Request(HttpMethod.Get, $"/api/reports/{name}" + ReportsFixture.October);
            request.Headers.Accept.ParseAdd("text/csv");
            var other = await app.Owner.Client.SendAsync(request);
            Assert.Equal((HttpStatusCode.OK, "text/csv"), (other.StatusCode, other.Content.Headers.ContentType?.MediaType));
        }
    }

    [Theory]
    [InlineData("/api/reports/outcomes?from=2026-10-31&to=2026-10-01", "from")]
    [InlineData("/api/reports/funnel?from=2020-01-01&to=2023-12-31", "to")]
    [InlineData("/api/reports/loss-reasons?from=2026-02-30", "from")]
    [InlineData("/api/reports/outcomes?groupBy=year", "groupBy")]
    public async Task A_bad_period_is_a_400_naming_the_field(string url, string field)
    {
        var problem = await Problem.ReadAsync(await app.Owner.SendAsync(HttpMethod.Get, url));

        Assert.Equal(400, problem.Status);
        Assert.Contains(field, problem.Errors.Keys);
    }

    [Fact]
    public async Task An_owner_of_another_company_is_a_400()
    {
        var stranger = await app.ACompanyAsync();

        var problem = await Problem.ReadAsync(await app.Owner.SendAsync(HttpMethod.Get, $"/api/reports/funnel?ownerId={stranger.UserId}"));

        Assert.Equal((400, "report.owner_invalid"), (problem.Status, problem.Code));
    }
}
