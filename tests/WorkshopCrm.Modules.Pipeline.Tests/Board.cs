namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class Board(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Every_column_shows_its_first_cards_with_count_and_total_over_all_its_deals()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        for (var i = 0; i < 5; i++)
            await owner.ADealAsync(lead.Id, $"D{i}", 100.10m);

        var board = await owner.BoardAsync("?perColumn=2");

        Assert.Equal(["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiation", "Won", "Lost"], board.Columns.Select(c => c.Stage.Name));
        var newLead = board.Column(1);
        Assert.Equal((5, 500.50m), (newLead.TotalCount, newLead.TotalValue));
        Assert.Equal(["D0", "D1"], newLead.Deals.Select(d => d.Title));
        Assert.NotNull(newLead.NextCursor);
        Assert.Null(board.Column(2).NextCursor);
    }

    [Fact]
    public async Task Load_more_continues_a_column_without_gaps_or_repeats()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        for (var i = 0; i < 7; i++)
            await owner.ADealAsync(lead.Id, $"D{i}");
        var board = await owner.BoardAsync("?perColumn=3");

        var seen = board.Column(1).Deals.Select(d => d.Title).ToList();
        var cursor = board.Column(1).NextCursor;
        while (cursor is not null)
        {
            var page = await owner.SendAsync(HttpMethod.Get, $"/api/pipeline/board/columns/1?limit=3&cursor={Uri.EscapeDataString(cursor)}").ReadAsync<ColumnPage>();
            seen.AddRange(page.Deals.Select(d => d.Title));
            cursor = page.NextCursor;
        }

        Assert.Equal(Enumerable.Range(0, 7).Select(i => $"D{i}"), seen);
    }

    [Fact]
    public async Task A_made_up_cursor_is_a_400()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Get, "/api/pipeline/board/columns/1?cursor=bm9wZQ==");

        Assert.Contains("cursor", (await Problem.ReadAsync(response)).Errors.Keys);
    }

    [Fact]
    public async Task Filtering_by_owner_and_by_search_narrows_cards_and_totals()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var acme = await owner.ALeadAsync("Acme Ltda", "contato@acme.com");
        await owner.ADealAsync(acme.Id, "Frota completa", 1000);
        await owner.ADealAsync(acme.Id, "Troca de óleo", 50, ownerId: seller.UserId);
        await owner.ADealAsync("Outro negócio", 7);

        var bySeller = await owner.BoardAsync($"?ownerId={seller.UserId}");
        var byLead = await owner.BoardAsync("?search=acme");
        var byTitle = await owner.BoardAsync("?search=FROTA");

        Assert.Equal((1, 50m), (bySeller.Column(1).TotalCount, bySeller.Column(1).TotalValue));
        Assert.Equal((2, 1050m), (byLead.Column(1).TotalCount, byLead.Column(1).TotalValue));
        Assert.Equal(["Frota completa"], byTitle.Column(1).Deals.Select(d => d.Title));
    }

    [Fact]
    public async Task Board_search_ignores_accents_and_case_both_ways()
    {
        var owner = await app.ACompanyAsync();
        var goncalves = await owner.ALeadAsync("Transportes Gonçalves", Given.UniqueEmail("lead"));
        await owner.ADealAsync(goncalves.Id, "Revisão dos caminhões", 100);
        await owner.ADealAsync("Outro negócio", 7);

        var byLead = await owner.BoardAsync("?search=goncalves");
        var byTitle = await owner.BoardAsync("?search=CAMINHOES");
        var accentedSearch = await owner.BoardAsync("?search=" + Uri.EscapeDataString("revisão dos caminhões"));

        Assert.Equal(["Revisão dos caminhões"], byLead.Column(1).Deals.Select(d => d.Title));
        Assert.Equal((1, 100m), (byTitle.Column(1).TotalCount, byTitle.Column(1).TotalValue));
        Assert.Equal(["Revisão dos caminhões"], accentedSearch.Column(1).Deals.Select(d => d.Title));
    }

    [Fact]
    public async Task A_salespersons_board_holds_only_its_own_deals_whatever_owner_it_asks_for()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        await owner.ADealAsync("Owner's");
        await seller.ADealAsync("Seller's", 10);

        var board = await seller.BoardAsync($"?ownerId={owner.UserId}");

        Assert.Equal(["Seller's"], board.Column(1).Deals.Select(d => d.Title));
        Assert.Equal((1, 10m), (board.Column(1).TotalCount, board.Column(1).TotalValue));
    }

    [Fact]
    public async Task The_board_costs_one_database_round_trip_with_two_statements()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 3; i++)
            await owner.ADealAsync($"D{i}");
        await owner.BoardAsync(); // the sign-in check is now cached, as it is for a user clicking around
        using var sql = new SqlCounter();

        var response = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/pipeline/board?search=d")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var command = Assert.Single(sql.Commands);
        Assert.Contains("LATERAL", command, StringComparison.Ordinal);
        Assert.Contains("GROUP BY", command, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_companys_deals_never_reach_the_board()
    {
        var owner = await app.ACompanyAsync();
        var stranger = await app.ACompanyAsync();
        await stranger.ADealAsync("Theirs");

        var board = await owner.BoardAsync();

        Assert.All(board.Columns, c => Assert.Equal(0, c.TotalCount));
    }

    [Fact]
    public async Task Stages_are_the_seeded_seven()
    {
        var owner = await app.ACompanyAsync();

        var stages = await owner.SendAsync(HttpMethod.Get, "/api/pipeline/stages").ReadAsync<List<StageBody>>();

        Assert.Equal([(1L, "New Lead", false), (6L, "Won", true), (7L, "Lost", true)],
            stages.Where(s => s.Id is 1 or 6 or 7).Select(s => (s.Id, s.Name, s.IsTerminal)));
        Assert.Equal(Enumerable.Range(1, 7), stages.Select(s => s.SortOrder));
    }

    private sealed record ColumnPage(List<CardBody> Deals, string? NextCursor);
}
