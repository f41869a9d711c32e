namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class Deals(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task A_new_deal_starts_in_New_Lead_at_the_end_of_the_column()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync("Lia");
        var first = await owner.ADealAsync(lead.Id, "First");

        var second = await owner.ADealAsync(lead.Id, "Second", 99.90m);

        Assert.Equal(("New Lead", "Lia", owner.UserId, 99.90m), (second.Stage.Name, second.Lead.Name, second.Owner.Id, second.Value));
        Assert.True(second.SortOrder > first.SortOrder);
        Assert.True(second.Version > 0);
    }

    [Theory]
    [InlineData(-1, "Must be between 0 and 9,999,999,999.99.")]
    [InlineData(10_000_000_000, "Must be between 0 and 9,999,999,999.99.")]
    [InlineData(10.123, "At most two decimal places.")]
    public async Task A_value_out_of_range_or_with_more_than_two_decimals_is_refused_not_rounded(decimal value, string message)
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead.Id, title = "Deal", value });

        Assert.Equal([message], (await Problem.ReadAsync(response)).Errors["value"]);
    }

    [Fact]
    public async Task The_largest_value_fits()
    {
        var owner = await app.ACompanyAsync();

        var deal = await owner.ADealAsync(value: 9_999_999_999.99m);

        Assert.Equal(9_999_999_999.99m, deal.Value);
    }

    [Fact]
    public async Task Creating_a_deal_in_Lost_needs_a_reason()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();

        var without = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead.Id, title = "Lost one", value = 1, stageId = 7, lossReason = "  " });
        var with = await owner.ADealAsync(lead.Id, stageId: 7, lossReason: "Price too high");

        var problem = await Problem.ReadAsync(without);
        Assert.Equal(("deal.loss_reason_required", 400), (problem.Code, problem.Status));
        Assert.Contains("lossReason", problem.Errors.Keys);
        Assert.Equal("Price too high", with.LossReason);
    }

    [Fact]
    public async Task Missing_or_malformed_fields_are_400s_naming_them()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = 0, title = "", value = 1, stageId = 99 });

        Assert.Equal(["leadId", "stageId", "title"], (await Problem.ReadAsync(response)).Errors.Keys.Order());
    }

    [Fact]
    public async Task Editing_with_the_current_version_succeeds_and_a_stale_one_is_a_409()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();

        var edited = await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}", new { title = "Renamed", value = 10, version = deal.Version }).ReadAsync<DealBody>();
        var stale = await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}", new { title = "Lost update", value = 20, version = deal.Version });

        Assert.Equal(("Renamed", 10m), (edited.Title, edited.Value));
        Assert.NotEqual(deal.Version, edited.Version);
        Assert.Equal(HttpStatusCode.Conflict, stale.StatusCode);
        Assert.Equal("deal.version_conflict", (await Problem.ReadAsync(stale)).Code);
        Assert.Equal("Renamed", (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>()).Title);
    }

    [Fact]
    public async Task A_salesperson_works_only_its_own_deals()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var others = await owner.ADealAsync();
        var own = await seller.ADealAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Get, $"/api/deals/{others.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Put, $"/api/deals/{others.Id}", new { title = "x", value = 1, version = others.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.MoveAsync(others.Id, 2)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Delete, $"/api/deals/{others.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.SendAsync(HttpMethod.Get, $"/api/deals/{own.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await seller.SendAsync(HttpMethod.Delete, $"/api/deals/{own.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_salesperson_creates_deals_only_on_leads_it_can_see_and_only_for_itself()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var hidden = await owner.ALeadAsync();
        var own = await seller.ALeadAsync();

        var onHidden = await seller.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = hidden.Id, title = "x", value = 1 });
        var forOwner = await seller.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = own.Id, title = "x", value = 1, ownerId = owner.UserId });

        Assert.Equal(HttpStatusCode.NotFound, onHidden.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, forOwner.StatusCode);
    }

    [Fact]
    public async Task Reassigning_a_deal_is_for_business_owners_and_keeps_the_leads_owner()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await owner.ALeadAsync();
        var deal = await owner.ADealAsync(lead.Id);

        var bySeller = await seller.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}/owner", new { ownerId = seller.UserId });
        var byOwner = await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}/owner", new { ownerId = seller.UserId }).ReadAsync<DealBody>();

        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
        Assert.Equal(seller.UserId, byOwner.Owner.Id);
        Assert.Equal(owner.UserId, (await owner.SendAsync(HttpMethod.Get, $"/api/leads/{lead.Id}").ReadAsync<LeadDetailBody>()).OwnerId);
        Assert.Equal(HttpStatusCode.OK, (await seller.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}")).StatusCode);
    }

    [Fact]
    public async Task A_deactivated_salesperson_cannot_be_given_deals_but_keeps_its_own()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var kept = await seller.ADealAsync();
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");
        await app.EventsSettledAsync();
        var other = await owner.ADealAsync();

        var reassign = await owner.SendAsync(HttpMethod.Put, $"/api/deals/{other.Id}/owner", new { ownerId = seller.UserId });

        Assert.Equal("deal.owner_invalid", (await Problem.ReadAsync(reassign)).Code);
        Assert.Equal(seller.UserId, (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{kept.Id}").ReadAsync<DealBody>()).Owner.Id);
    }

    [Fact]
    public async Task Another_companys_deal_is_a_404_and_stays_as_it_was()
    {
        var owner = await app.ACompanyAsync();
        var stranger = await app.ACompanyAsync();
        var deal = await stranger.ADealAsync("Theirs");

        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}", new { title = "Mine", value = 1, version = deal.Version })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Put, $"/api/deals/{deal.Id}/owner", new { ownerId = owner.UserId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.MoveAsync(deal.Id, 6)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}")).StatusCode);
        var unchanged = await stranger.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>();
        Assert.Equal(("Theirs", 1L, deal.Version), (unchanged.Title, unchanged.Stage.Id, unchanged.Version));
    }
}
