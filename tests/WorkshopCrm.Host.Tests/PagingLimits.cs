namespace WorkshopCrm.Host.Tests;

/// <summary>Every paged list refuses a page so deep that its OFFSET would overflow, naming <c>page</c>; none answers 500.</summary>
public sealed class PagingLimits(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    public static TheoryData<string> PagedRoutes => ["/api/leads", "/api/users", "/api/invitations", "/api/deals/{deal}/notes", "/api/whatsapp/chats", "/api/audit"];

    [Theory]
    [MemberData(nameof(PagedRoutes))]
    public async Task A_page_past_a_million_is_a_400_naming_page(string route)
    {
        var owner = await app.ACompanyAsync();
        var path = await RouteForAsync(owner, route);

        foreach (var page in new[] { "2147483647", "100000000", "1000001" })
        {
            var response = await owner.SendAsync(HttpMethod.Get, $"{path}?page={page}");

            Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
            Assert.Contains("page", (await Problem.ReadAsync(response)).Errors.Keys);
        }
    }

    [Theory]
    [MemberData(nameof(PagedRoutes))]
    public async Task The_last_page_allowed_answers_without_a_server_error(string route)
    {
        var owner = await app.ACompanyAsync();
        var path = await RouteForAsync(owner, route);

        var response = await owner.SendAsync(HttpMethod.Get, $"{path}?page=1000000&pageSize=200");

        Assert.True((int)response.StatusCode < 500 || response.StatusCode == HttpStatusCode.ServiceUnavailable, $"{(int)response.StatusCode} for {path}");
    }

    private static async Task<string> RouteForAsync(Account owner, string route)
    {
        if (!route.Contains("{deal}", StringComparison.Ordinal))
            return route;
        var lead = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Lia", email = Given.UniqueEmail("lead") }).ReadAsync<IdBody>(HttpStatusCode.Created);
        var deal = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead.Id, title = "Frota" }).ReadAsync<IdBody>(HttpStatusCode.Created);
        return route.Replace("{deal}", deal.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal);
    }

    private sealed record IdBody(long Id);
}
