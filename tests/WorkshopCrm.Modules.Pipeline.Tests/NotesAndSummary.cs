namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class NotesAndSummary(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Notes_come_newest_first_with_their_author()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        foreach (var body in new[] { "first", "second", "third" })
            await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body }).ReadAsync<NoteBody>(HttpStatusCode.Created);
        var notes = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/notes").ReadAsync<PageBody<NoteBody>>();

        Assert.Equal(["third", "second", "first"], notes.Items.Select(n => n.Body));
        Assert.All(notes.Items, n => Assert.Equal(("Maria Souza", owner.UserId), (n.Author.Name, n.Author.Id)));
    }

    [Theory]
    [InlineData("")]
    [InlineData("too long")]
    public async Task A_note_body_is_1_to_10000_characters(string body)
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = body == "too long" ? new string('x', 10_001) : body });

        Assert.Contains("body", (await Problem.ReadAsync(response)).Errors.Keys);
    }

    [Theory]
    [InlineData("nul \u0000 inside")]
    [InlineData("bell \u0007 inside")]
    public async Task A_note_with_a_control_character_other_than_a_line_break_is_a_400_and_is_not_stored(string body)
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(["Must not contain control characters."], (await Problem.ReadAsync(response)).Errors["body"]);
        Assert.Empty((await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/notes").ReadAsync<PageBody<NoteBody>>()).Items);
    }

    [Fact]
    public async Task A_note_of_exactly_10000_characters_with_line_breaks_is_kept_whole()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        var body = string.Concat(Enumerable.Repeat("linha 1\nlinha 2\n", 625));

        var note = await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body }).ReadAsync<NoteBody>(HttpStatusCode.Created);

        Assert.Equal(10_000, body.Length);
        Assert.Equal(body.Trim(), note.Body);
    }

    [Fact]
    public async Task Its_author_or_a_business_owner_deletes_a_note_nobody_else()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await seller.ADealAsync();
        var sellers = await seller.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = "mine" }).ReadAsync<NoteBody>(HttpStatusCode.Created);
        var owners = await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = "boss" }).ReadAsync<NoteBody>(HttpStatusCode.Created);

        var sellerDeletesOwners = await seller.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}/notes/{owners.Id}");
        var sellerDeletesOwn = await seller.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}/notes/{sellers.Id}");
        var ownerDeletesAny = await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}/notes/{owners.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, sellerDeletesOwners.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, sellerDeletesOwn.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, ownerDeletesAny.StatusCode);
    }

    [Fact]
    public async Task Notes_of_a_deal_one_cannot_see_are_404()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var stranger = await app.ACompanyAsync();
        var ownersDeal = await owner.ADealAsync();
        var strangersDeal = await stranger.ADealAsync();
        var note = await stranger.SendAsync(HttpMethod.Post, $"/api/deals/{strangersDeal.Id}/notes", new { body = "x" }).ReadAsync<NoteBody>(HttpStatusCode.Created);

        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Post, $"/api/deals/{ownersDeal.Id}/notes", new { body = "x" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Get, $"/api/deals/{ownersDeal.Id}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{strangersDeal.Id}/notes")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{strangersDeal.Id}/notes/{note.Id}")).StatusCode);
    }

    [Fact]
    public async Task The_summary_counts_stages_and_this_months_wins_and_losses()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var won = await owner.ADealAsync("Won", 300);
        await owner.MoveAsync(won.Id, 6);
        var lost = await owner.ADealAsync("Lost", 100);
        await owner.MoveAsync(lost.Id, 7, lossReason: "price");
        var oldWin = await owner.ADealAsync("Old win", 999);
        await owner.MoveAsync(oldWin.Id, 6);
        await app.ExecuteAsync("UPDATE pipeline.deals SET stage_entered_at = now() - interval '70 days' WHERE id = @p0", oldWin.Id);
        await seller.ADealAsync("Open", 50);

        var summary = await owner.SendAsync(HttpMethod.Get, "/api/pipeline/summary").ReadAsync<SummaryBody>();
        var sellers = await seller.SendAsync(HttpMethod.Get, "/api/pipeline/summary").ReadAsync<SummaryBody>();

        Assert.Equal((2, 1299m), (summary.Stages.Single(s => s.StageId == 6).Count, summary.Stages.Single(s => s.StageId == 6).Value));
        Assert.Equal((1, 300m), (summary.WonThisMonth.Count, summary.WonThisMonth.Value));
        Assert.Equal((1, 100m), (summary.LostThisMonth.Count, summary.LostThisMonth.Value));
        Assert.Equal(0.5m, summary.WinRate);
        Assert.Equal(2, summary.Owners.Count);
        Assert.Equal((1, 50m), (sellers.Stages.Single(s => s.StageId == 1).Count, sellers.Stages.Single(s => s.StageId == 1).Value));
        Assert.Null(sellers.WinRate);
        Assert.Equal([seller.UserId], sellers.Owners.Select(o => o.OwnerId));
    }

    [Fact]
    public async Task The_summary_reads_the_kept_totals_not_the_deals()
    {
        var owner = await app.ACompanyAsync();
        var won = await owner.ADealAsync("Won", 300);
        await owner.MoveAsync(won.Id, 6);
        using var sql = new SqlCounter();

        var response = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/pipeline/summary")));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The totals in one statement, the owners' names in another; however many deals the company has, none is read.
        Assert.Equal(2, sql.Commands.Count);
        Assert.Contains(sql.Commands, c => c.Contains("pipeline.closed_deal_totals", StringComparison.Ordinal));
        Assert.DoesNotContain(sql.Commands, c => c.Contains("pipeline.deals", StringComparison.Ordinal));
    }

    private sealed record Outcome(int Count, decimal Value);

    private sealed record StageSummary(long StageId, string Name, int Count, decimal Value);

    private sealed record OwnerSummary(long OwnerId, string OwnerName, int OpenCount, decimal OpenValue);

    private sealed record SummaryBody(List<StageSummary> Stages, Outcome WonThisMonth, Outcome LostThisMonth, decimal? WinRate, List<OwnerSummary> Owners);
}
