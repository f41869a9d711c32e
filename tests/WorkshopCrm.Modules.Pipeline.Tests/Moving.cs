namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class Moving(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task A_move_without_neighbours_puts_the_card_at_the_end_of_the_column()
    {
        var owner = await app.ACompanyAsync();
        var a = await owner.ADealAsync("A");
        await owner.MoveAsync(a.Id, 2);
        var b = await owner.ADealAsync("B");

        var card = await owner.MoveAsync(b.Id, 2).ReadAsync<CardBody>();

        Assert.Equal(2, card.StageId);
        Assert.Equal(["A", "B"], (await owner.BoardAsync()).Column(2).Deals.Select(d => d.Title));
    }

    [Fact]
    public async Task Neighbours_place_the_card_exactly()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var a = await owner.ADealAsync(lead.Id, "A");
        var b = await owner.ADealAsync(lead.Id, "B");
        var c = await owner.ADealAsync(lead.Id, "C");
        var d = await owner.ADealAsync(lead.Id, "D");

        await owner.MoveAsync(d.Id, 1, beforeDealId: a.Id);          // D A B C
        await owner.MoveAsync(a.Id, 1, afterDealId: c.Id);           // D B C A
        await owner.MoveAsync(b.Id, 1, beforeDealId: a.Id, afterDealId: c.Id); // D C B A

        Assert.Equal(["D", "C", "B", "A"], (await owner.BoardAsync()).Column(1).Deals.Select(x => x.Title));
    }

    [Fact]
    public async Task Moving_into_Lost_needs_a_reason_and_leaving_Lost_clears_it()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var without = await owner.MoveAsync(deal.Id, 7);
        var blank = await owner.MoveAsync(deal.Id, 7, lossReason: "   ");
        var with = await owner.MoveAsync(deal.Id, 7, lossReason: "Chose a competitor");
        var lost = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>();
        await owner.MoveAsync(deal.Id, 3);
        var back = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>();

        Assert.All([without, blank], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("lossReason", (await Problem.ReadAsync(without)).Errors.Keys);
        Assert.Equal(HttpStatusCode.OK, with.StatusCode);
        Assert.Equal(("Lost", "Chose a competitor"), (lost.Stage.Name, lost.LossReason));
        Assert.Equal(("Qualified", (string?)null), (back.Stage.Name, back.LossReason));
    }

    [Theory]
    [InlineData("Preço\u0000")]
    [InlineData("Preço\nalto")]
    public async Task A_loss_reason_with_a_control_character_is_a_400_naming_it_and_the_deal_stays(string reason)
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var response = await owner.MoveAsync(deal.Id, 7, lossReason: reason);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Must not contain control characters."], (await Problem.ReadAsync(response)).Errors["lossReason"]);
        Assert.Equal("New Lead", (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>()).Stage.Name);
    }

    [Theory]
    [InlineData("beforeDealId")]
    [InlineData("afterDealId")]
    public async Task A_salesperson_placing_its_card_next_to_one_it_cannot_see_gets_the_answer_of_a_card_that_does_not_exist(string field)
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var ownersCard = await owner.ADealAsync("Do dono");
        var sellersCard = await seller.ADealAsync("Do vendedor", 10);

        async Task<(HttpStatusCode, string, string)> MoveNextTo(long neighbour)
        {
            var response = await seller.SendAsync(HttpMethod.Post, $"/api/deals/{sellersCard.Id}/move", new Dictionary<string, object> { ["stageId"] = 1, [field] = neighbour });
            var problem = await Problem.ReadAsync(response);
            return (response.StatusCode, problem.Code, string.Join(" | ", problem.Errors[field]));
        }

        var unseen = await MoveNextTo(ownersCard.Id);
        var missing = await MoveNextTo(999_999_999);

        Assert.Equal(HttpStatusCode.BadRequest, unseen.Item1);
        Assert.Equal(missing, unseen);
    }

    [Fact]
    public async Task A_lost_card_shows_why_on_the_board_and_in_the_move_answer()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync("Frota da Ana");
        await owner.ADealAsync("Aberto");

        var moved = await owner.MoveAsync(deal.Id, 7, lossReason: "Preço acima do concorrente").ReadAsync<CardBody>();
        var board = await owner.BoardAsync();

        Assert.Equal("Preço acima do concorrente", moved.LossReason);
        Assert.Equal(["Preço acima do concorrente"], board.Column(7).Deals.Select(d => d.LossReason));
        Assert.All(board.Column(1).Deals, d => Assert.Null(d.LossReason));
    }

    [Fact]
    public async Task Twenty_concurrent_moves_into_one_column_leave_a_strict_order_and_lose_no_card()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var deals = new List<DealBody>();
        for (var i = 0; i < 20; i++)
            deals.Add(await owner.ADealAsync(lead.Id, $"Deal {i}"));
        var anchor = await owner.ADealAsync(lead.Id, "Anchor");
        await owner.MoveAsync(anchor.Id, 4);

        var moves = await Task.WhenAll(deals.Select((d, i) => i % 2 == 0
            ? owner.MoveAsync(d.Id, 4, afterDealId: anchor.Id)
            : owner.MoveAsync(d.Id, 4, beforeDealId: anchor.Id)));

        Assert.All(moves, m => Assert.Equal(HttpStatusCode.OK, m.StatusCode));
        // Moves do not wait for each other (ADR 0019): cards dropped into one gap at once may share a position, and
        // the board orders them by (position, id) — one strict order, every card once, each on its side of the anchor.
        var column = (await owner.BoardAsync("?perColumn=100")).Column(4).Deals.Select(d => d.Id).ToList();
        Assert.Equal(21, column.Distinct().Count());
        var at = column.IndexOf(anchor.Id);
        Assert.All(deals.Where((_, i) => i % 2 == 1), d => Assert.True(column.IndexOf(d.Id) < at, "placed before the anchor"));
        Assert.All(deals.Where((_, i) => i % 2 == 0), d => Assert.True(column.IndexOf(d.Id) > at, "placed after the anchor"));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.deals WHERE tenant_id = @p0 AND pipeline_stage_id = 1", owner.TenantId));
    }

    [Fact]
    public async Task Concurrent_moves_of_one_card_into_different_columns_all_answer_and_leave_it_in_one_place()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var moves = await Task.WhenAll(Enumerable.Range(0, 12).Select(i => owner.MoveAsync(deal.Id, 2 + (i % 4))));

        Assert.All(moves, m => Assert.Equal(HttpStatusCode.OK, m.StatusCode));
        var board = await owner.BoardAsync();
        Assert.Equal(1, board.Columns.Sum(c => c.Deals.Count(d => d.Id == deal.Id)));
    }

    [Fact]
    public async Task When_neighbours_have_no_room_left_the_column_is_renumbered_and_the_order_kept()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var first = await owner.ADealAsync(lead.Id, "First");
        var last = await owner.ADealAsync(lead.Id, "Last");
        var squeezed = new List<string>();

        // Each card goes right after "First": the gap halves every time until it must be renumbered.
        for (var i = 0; i < 14; i++)
        {
            var deal = await owner.ADealAsync(lead.Id, $"S{i}");
            Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(deal.Id, 1, afterDealId: first.Id)).StatusCode);
            squeezed.Insert(0, $"S{i}");
        }

        var column = await owner.BoardAsync("?perColumn=100");
        Assert.Equal(["First", .. squeezed, "Last"], column.Column(1).Deals.Select(d => d.Title));
        var positions = await ColumnPositionsAsync(owner.TenantId, 1);
        Assert.Equal(positions.Count, positions.Distinct().Count());
        Assert.True(last.Id > 0);
    }

    [Fact]
    public async Task A_card_dropped_at_the_end_of_a_column_whose_last_position_is_the_largest_there_is_lands_last()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var a = await owner.ADealAsync(lead.Id, "A");
        var b = await owner.ADealAsync(lead.Id, "B");
        await owner.MoveAsync(a.Id, 2);
        // a column moved to its end very many times: one more gap does not fit in a position
        await app.ExecuteAsync("UPDATE pipeline.deals SET sort_order = 2147483000 WHERE id = @p0", a.Id);

        var response = await owner.MoveAsync(b.Id, 2);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(["A", "B"], (await owner.BoardAsync()).Column(2).Deals.Select(d => d.Title));
        var positions = await ColumnPositionsAsync(owner.TenantId, 2);
        Assert.True(positions[0] < positions[1] && positions[1] < int.MaxValue / 2, string.Join(",", positions));
    }

    [Fact]
    public async Task A_neighbour_from_another_column_is_a_400_naming_it()
    {
        var owner = await app.ACompanyAsync();
        var a = await owner.ADealAsync("A");
        var b = await owner.ADealAsync("B");

        var response = await owner.MoveAsync(a.Id, 3, afterDealId: b.Id);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("afterDealId", (await Problem.ReadAsync(response)).Errors.Keys);
    }

    [Fact]
    public async Task A_stage_that_does_not_exist_is_a_400()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var response = await owner.MoveAsync(deal.Id, 42);

        Assert.Contains("stageId", (await Problem.ReadAsync(response)).Errors.Keys);
    }

    [Fact]
    public async Task Days_in_stage_count_from_when_the_deal_entered_its_stage()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        await app.ExecuteAsync("UPDATE pipeline.deals SET stage_entered_at = now() - interval '5 days 1 hour' WHERE id = @p0", deal.Id);

        var card = (await owner.BoardAsync()).Column(1).Deals.Single(d => d.Id == deal.Id);
        await owner.MoveAsync(deal.Id, 2);
        var moved = (await owner.BoardAsync()).Column(2).Deals.Single(d => d.Id == deal.Id);

        Assert.Equal(5, card.DaysInStage);
        Assert.Equal(0, moved.DaysInStage);
    }

    private async Task<List<int>> ColumnPositionsAsync(long tenantId, long stageId)
    {
        var csv = await app.ScalarAsync<string>(
            "SELECT string_agg(sort_order::text, ',' ORDER BY sort_order) FROM pipeline.deals WHERE tenant_id = @p0 AND pipeline_stage_id = @p1", tenantId, stageId);
        return csv!.Split(',').Select(int.Parse).ToList();
    }
}
