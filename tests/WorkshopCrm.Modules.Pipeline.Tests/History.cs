using System.Text.Json;

namespace WorkshopCrm.Modules.Pipeline.Tests;

internal sealed record TimelineBody(long Id, DateTimeOffset At, string Kind, Ref? By, JsonElement? From, JsonElement? To, string? LossReason, long? NoteId,
    long? ActivityId, string? Subject, bool StartOfHistory);

internal sealed record StageDurationBody(long StageId, double Days);

internal sealed record DealWithDurationsBody(long Id, List<StageDurationBody> StageDurations);

public sealed class History(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Every_change_to_a_deal_is_in_its_timeline_newest_first_with_who_did_it()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Sam Vendas");
        var lead = await owner.ALeadAsync();
        var deal = await owner.ADealAsync(lead.Id, "Revisão", 1000m);
        var current = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>();
        await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}", new { title = "Revisão completa", value = 1500m, version = current.Version }).ReadAsync<DealBody>();
        await owner.MoveAsync(deal.Id, 3).ReadAsync<CardBody>();
        await owner.MoveAsync(deal.Id, 3).ReadAsync<CardBody>(); // a reorder in the column: no entry
        await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}/owner", new { ownerId = seller.UserId }).ReadAsync<DealBody>();
        var note = await seller.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = "Cliente pediu desconto" }).ReadAsync<NoteBody>(HttpStatusCode.Created);
        var activity = await seller.AnActivityAsync(dealId: deal.Id, subject: "Ligar de volta");
        await seller.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { }).ReadAsync<ActivityBody>();
        await seller.MoveAsync(deal.Id, 7, lossReason: "Preço").ReadAsync<CardBody>();

        var timeline = await seller.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline").ReadAsync<PageBody<TimelineBody>>();

        Assert.Equal(["stage_changed", "activity_completed", "note_added", "owner_changed", "stage_changed", "title_changed", "value_changed", "created"],
            timeline.Items.Select(e => e.Kind));
        Assert.Equal(8, timeline.Total);
        var lost = timeline.Items[0];
        Assert.Equal((seller.UserId, 3L, 7L, "Preço"), (lost.By!.Id, lost.From!.Value.GetProperty("id").GetInt64(), lost.To!.Value.GetProperty("id").GetInt64(), lost.LossReason));
        Assert.Equal((activity.Id, "Ligar de volta"), (timeline.Items[1].ActivityId, timeline.Items[1].Subject));
        Assert.Equal(note.Id, timeline.Items[2].NoteId);
        var reassigned = timeline.Items[3];
        Assert.Equal((owner.UserId, owner.UserId, seller.UserId, "Sam Vendas"), (reassigned.By!.Id, reassigned.From!.Value.GetProperty("id").GetInt64(),
            reassigned.To!.Value.GetProperty("id").GetInt64(), reassigned.To.Value.GetProperty("name").GetString()));
        var value = timeline.Items.Single(e => e.Kind == "value_changed");
        Assert.Equal((1000m, 1500m), (value.From!.Value.GetDecimal(), value.To!.Value.GetDecimal()));
        var title = timeline.Items.Single(e => e.Kind == "title_changed");
        Assert.Equal(("Revisão", "Revisão completa"), (title.From!.Value.GetString(), title.To!.Value.GetString()));
        var created = timeline.Items[^1];
        Assert.Equal(("created", false, 1L, owner.UserId), (created.Kind, created.StartOfHistory, created.To!.Value.GetProperty("stage").GetProperty("id").GetInt64(), created.By!.Id));

        var withDurations = await seller.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealWithDurationsBody>();
        Assert.Equal([1L, 3L, 7L], withDurations.StageDurations.Select(s => s.StageId));
    }

    [Fact]
    public async Task The_timeline_pages_and_another_companys_or_another_sellers_deal_is_not_there()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await owner.ADealAsync();
        for (var stage = 2; stage <= 5; stage++)
            await owner.MoveAsync(deal.Id, stage).ReadAsync<CardBody>();
        var stranger = await app.ACompanyAsync();

        var page = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline?pageSize=2&page=2").ReadAsync<PageBody<TimelineBody>>();

        Assert.Equal((5, 2), (page.Total, page.Items.Count));
        Assert.Equal([3L, 2L], page.Items.Select(e => e.To!.Value.GetProperty("id").GetInt64()));
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline")).StatusCode);
    }

    [Fact]
    public async Task A_hand_over_on_deactivation_is_in_the_history_as_done_by_the_system()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await seller.ADealAsync();

        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate", new { handOverTo = owner.UserId });
        await app.EventsSettledAsync();

        var handed = (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline").ReadAsync<PageBody<TimelineBody>>()).Items[0];
        Assert.Equal(("owner_changed", (Ref?)null, seller.UserId, owner.UserId),
            (handed.Kind, handed.By, handed.From!.Value.GetProperty("id").GetInt64(), handed.To!.Value.GetProperty("id").GetInt64()));
    }

    [Fact]
    public async Task Days_per_stage_add_up_every_visit_of_a_stage()
    {
        var now = DateTimeOffset.Parse("2026-11-20T12:00:00Z", System.Globalization.CultureInfo.InvariantCulture);
        var moves = new List<(DateTimeOffset, long)> { (now.AddDays(-10), 1), (now.AddDays(-7), 2), (now.AddDays(-5), 1), (now.AddDays(-4), 3) };

        var durations = WorkshopCrm.Modules.Pipeline.History.StageDurations.Compute(moves, now);

        Assert.Equal([(1L, 4.0), (2L, 2.0), (3L, 4.0)], durations.Select(d => (d.StageId, d.Days)));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task A_deal_from_before_history_has_one_start_of_history_entry_at_its_stage_entered_time()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        await owner.MoveAsync(deal.Id, 4).ReadAsync<CardBody>();
        // As the migration found deals: no history at all. The migration's backfill, run again on this one deal.
        await app.ExecuteAsync("DELETE FROM pipeline.deal_events WHERE deal_id = @p0", deal.Id);
        await app.ExecuteAsync(
            """
            INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, start_of_history, to_stage_id, to_value, to_user_id, to_title, loss_reason)
            SELECT d.tenant_id, d.id, 1, NULL, d.stage_entered_at, true, d.pipeline_stage_id, d.value, d.user_id, d.title, d.loss_reason
            FROM pipeline.deals d WHERE d.id = @p0
            """, deal.Id);

        var only = Assert.Single((await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}/timeline").ReadAsync<PageBody<TimelineBody>>()).Items);

        Assert.Equal(("created", true, (Ref?)null, 4L), (only.Kind, only.StartOfHistory, only.By, only.To!.Value.GetProperty("stage").GetProperty("id").GetInt64()));
        Assert.Equal([4L], (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealWithDurationsBody>()).StageDurations.Select(s => s.StageId));
    }
}
