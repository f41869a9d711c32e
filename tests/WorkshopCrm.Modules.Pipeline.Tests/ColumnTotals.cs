using Microsoft.Extensions.DependencyInjection;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>
/// The board's column totals are kept state (pipeline.stage_totals, ADR 0019), not a count over the deals: every write
/// that changes them must keep them exact, also under concurrency.
/// </summary>
public sealed class ColumnTotals(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Totals_follow_every_kind_of_write_and_match_the_deals()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await owner.ALeadAsync();
        var doomedLead = await owner.ALeadAsync();
        var a = await owner.ADealAsync(lead.Id, "A", 100m);
        var b = await owner.ADealAsync(lead.Id, "B", 200m, stageId: 2);
        var c = await owner.ADealAsync(lead.Id, "C", 400m);
        await owner.ADealAsync(doomedLead.Id, "Cascaded 1", 800m);
        await owner.ADealAsync(doomedLead.Id, "Cascaded 2", 1600m, stageId: 2);

        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(a.Id, 3)).StatusCode);                                  // move
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Put, $"/api/deals/{b.Id}",
            new { title = "B", value = 250m, version = b.Version })).StatusCode);                                       // value edit
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Put, $"/api/deals/{c.Id}/owner",
            new { ownerId = seller.UserId })).StatusCode);                                                              // reassign
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{doomedLead.Id}")).StatusCode); // cascade
        var d = await owner.ADealAsync(lead.Id, "D", 10m);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{d.Id}")).StatusCode); // delete

        var board = await owner.BoardAsync();
        var sellers = await owner.BoardAsync($"?ownerId={seller.UserId}");

        Assert.Equal((1, 400m), (board.Column(1).TotalCount, board.Column(1).TotalValue));
        Assert.Equal((1, 250m), (board.Column(2).TotalCount, board.Column(2).TotalValue));
        Assert.Equal((1, 100m), (board.Column(3).TotalCount, board.Column(3).TotalValue));
        Assert.Equal((1, 400m), (sellers.Column(1).TotalCount, sellers.Column(1).TotalValue));
        Assert.Equal(0, sellers.Column(3).TotalCount);
        Assert.Equal(0L, await DriftAsync(owner));
    }

    [Fact]
    public async Task The_board_reads_its_totals_from_the_kept_state_not_from_the_deals()
    {
        var owner = await app.ACompanyAsync();
        await owner.ADealAsync("One", 5m);
        await owner.BoardAsync(); // the sign-in check is now cached
        using var sql = new SqlCounter();

        var response = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/pipeline/board")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var command = Assert.Single(sql.Commands); // one round trip: the tenant binding, the cards, the totals
        Assert.Contains("FROM pipeline.stage_totals", command, StringComparison.Ordinal);
        Assert.DoesNotContain("count(*)", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Concurrent_moves_in_opposite_directions_lose_no_update_and_never_deadlock()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var left = new List<DealBody>();
        var right = new List<DealBody>();
        for (var i = 0; i < 12; i++)
        {
            left.Add(await owner.ADealAsync(lead.Id, $"L{i}", 10m, stageId: 2));
            right.Add(await owner.ADealAsync(lead.Id, $"R{i}", 1m, stageId: 3));
        }

        var answers = await Task.WhenAll(
            left.Select(d => owner.MoveAsync(d.Id, 3)).Concat(right.Select(d => owner.MoveAsync(d.Id, 2))));

        Assert.All(answers, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var board = await owner.BoardAsync();
        Assert.Equal((12, 12m), (board.Column(2).TotalCount, board.Column(2).TotalValue));
        Assert.Equal((12, 120m), (board.Column(3).TotalCount, board.Column(3).TotalValue));
        Assert.Equal(0L, await DriftAsync(owner));
    }

    [Fact]
    public async Task A_company_deleted_takes_its_totals_and_the_verify_check_finds_and_repairs_drift()
    {
        var doomed = await app.ACompanyAsync();
        await doomed.ADealAsync("Gone", 5m);
        var kept = await app.ACompanyAsync();
        var deal = await kept.ADealAsync("Kept", 7m);

        await doomed.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = doomed.Password, companyName = doomed.CompanyName });
        await app.EventsSettledAsync();
        await app.ExecuteAsync("UPDATE pipeline.stage_totals SET deal_count = deal_count + 3 WHERE tenant_id = @p0", kept.TenantId); // drift, made by hand
        var check = app.Services.GetServices<WorkshopCrm.Shared.Modules.IConsistencyCheck>().OfType<global::WorkshopCrm.Modules.Pipeline.Board.StageTotalsCheck>().Single();
        using var report = new StringWriter();
        var found = await check.CheckAsync(report, repair: true, CancellationToken.None);

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.stage_totals WHERE tenant_id = @p0", doomed.TenantId));
        Assert.Equal(1, found);
        Assert.Contains($"tenant {kept.TenantId}", report.ToString(), StringComparison.Ordinal);
        Assert.Equal(0L, await DriftAsync(kept));
        Assert.Equal(1, (await kept.BoardAsync()).Column(deal.Stage.Id).TotalCount);
    }

    /// <summary>Rows of the drift check for one company (no rows: its kept totals are exactly what its deals say).</summary>
    private Task<long> DriftAsync(Account company) =>
        app.ScalarAsync<long>("SELECT count(*) FROM pipeline.stage_totals_drift() WHERE tenant_id = @p0", company.TenantId);
}
