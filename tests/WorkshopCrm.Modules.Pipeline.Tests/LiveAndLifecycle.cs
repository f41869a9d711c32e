using System.Text.Json;

namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class LiveAndLifecycle(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task An_open_board_hears_another_users_move()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await seller.ADealAsync();
        await using var stream = await EventStream.OpenAsync(owner);

        await seller.MoveAsync(deal.Id, 3);

        var moved = await stream.NextAsync("deal.moved");
        Assert.Equal((deal.Id, 3L, 1L), (moved.GetProperty("dealId").GetInt64(), moved.GetProperty("stageId").GetInt64(), moved.GetProperty("fromStageId").GetInt64()));
    }

    [Fact]
    public async Task A_salesperson_hears_only_about_its_own_deals_and_no_other_company_is_heard()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var stranger = await app.ACompanyAsync();
        var strangersDeal = await stranger.ADealAsync();
        var ownersDeal = await owner.ADealAsync();
        var sellersDeal = await seller.ADealAsync();
        await app.EventsSettledAsync();
        await using var stream = await EventStream.OpenAsync(seller);

        await stranger.MoveAsync(strangersDeal.Id, 2);
        await owner.MoveAsync(ownersDeal.Id, 2);
        await owner.MoveAsync(sellersDeal.Id, 5);

        var heard = await stream.NextAsync("deal.moved");
        Assert.Equal(sellersDeal.Id, heard.GetProperty("dealId").GetInt64());
    }

    [Fact]
    public async Task A_deactivated_salespersons_open_board_stream_ends_and_hears_nothing_more()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var sellersDeal = await seller.ADealAsync();
        await app.EventsSettledAsync();
        await using var stream = await EventStream.OpenAsync(seller);

        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate")).StatusCode);
        await owner.MoveAsync(sellersDeal.Id, 4);

        var ended = await Assert.ThrowsAsync<InvalidOperationException>(() => stream.NextAsync("deal.moved"));
        Assert.Equal("The event stream ended.", ended.Message);
    }

    [Fact]
    public async Task Deactivating_with_a_hand_over_passes_open_deals_and_leads_to_the_heir_once_live_on_boards()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await seller.ALeadAsync("Cliente do Sam", Given.UniqueEmail("lead"));
        var open = await seller.ADealAsync(lead.Id, "Aberto", 100);
        var won = await seller.ADealAsync(lead.Id, "Ganho", 200);
        await seller.MoveAsync(won.Id, 6); // Won
        var ownersOwn = await owner.ADealAsync("Do dono", 5);
        await app.EventsSettledAsync();
        await using var stream = await EventStream.OpenAsync(owner);

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate", new { handOverTo = owner.UserId });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        var handed = await stream.NextAsync("deal.updated");
        Assert.Equal((open.Id, owner.UserId), (handed.GetProperty("dealId").GetInt64(), handed.GetProperty("ownerId").GetInt64()));
        await app.EventsSettledAsync();
        var deal = async (long id) => await owner.SendAsync(HttpMethod.Get, $"/api/deals/{id}").ReadAsync<DealBody>();
        Assert.Equal(owner.UserId, (await deal(open.Id)).Owner.Id);
        Assert.Equal(seller.UserId, (await deal(won.Id)).Owner.Id); // what was won or lost stays in the seller's numbers
        Assert.Equal(owner.UserId, (await owner.SendAsync(HttpMethod.Get, $"/api/leads/{lead.Id}").ReadAsync<LeadDetailBody>()).OwnerId);
        Assert.Equal(owner.UserId, (await deal(ownersOwn.Id)).Owner.Id);

        // Delivered again (as after a crash between delivery and acknowledgement): nothing is handed over twice (the
        // deal's history has one change of owner; open boards are told in the transaction that made it, so once too).
        await app.ExecuteAsync("UPDATE identity.outbox_messages SET delivered_at = NULL, available_at = now() WHERE type LIKE '%UserDeactivated%' AND (payload->>'userId')::bigint = @p0", seller.UserId);
        await app.EventsSettledAsync();
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM pipeline.deal_events WHERE deal_id = @p0 AND to_user_id = @p1", open.Id, owner.UserId));
    }

    [Fact]
    public async Task Creating_and_deleting_deals_are_heard_too()
    {
        var owner = await app.ACompanyAsync();
        await using var stream = await EventStream.OpenAsync(owner);

        var deal = await owner.ADealAsync();
        Assert.Equal(deal.Id, (await stream.NextAsync("deal.created")).GetProperty("dealId").GetInt64());
        await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}");
        Assert.Equal(deal.Id, (await stream.NextAsync("deal.deleted")).GetProperty("dealId").GetInt64());
    }

    [Fact]
    public async Task Members_follow_identity_name_changes()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        await owner.SendAsync(HttpMethod.Put, "/api/me", new { name = "Maria Renamed" });
        await app.EventsSettledAsync();

        Assert.Equal("Maria Renamed", (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>()).Owner.Name);
    }

    [Fact]
    public async Task Deleting_a_company_removes_every_pipeline_row_of_it_and_of_no_other()
    {
        var doomed = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(doomed);
        var deal = await seller.ADealAsync();
        await seller.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = "x" });
        await seller.AnActivityAsync(dealId: deal.Id);
        await seller.SendAsync(HttpMethod.Get, "/api/me/calendar");
        var neighbour = await app.ACompanyAsync();
        var neighboursDeal = await neighbour.ADealAsync();
        await neighbour.SendAsync(HttpMethod.Post, $"/api/deals/{neighboursDeal.Id}/notes", new { body = "y" });
        await neighbour.AnActivityAsync(dealId: neighboursDeal.Id);
        await neighbour.SendAsync(HttpMethod.Get, "/api/me/calendar");

        await doomed.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = doomed.Password, companyName = doomed.CompanyName });
        await app.EventsSettledAsync();

        foreach (var table in new[] { "members", "leads", "deals", "deal_notes", "activities", "calendar_feeds" })
        {
            Assert.Equal(0L, await app.ScalarAsync<long>($"SELECT count(*) FROM pipeline.{table} WHERE tenant_id = @p0", doomed.TenantId));
            Assert.True(await app.ScalarAsync<long>($"SELECT count(*) FROM pipeline.{table} WHERE tenant_id = @p0", neighbour.TenantId) > 0, table);
        }
    }
}
