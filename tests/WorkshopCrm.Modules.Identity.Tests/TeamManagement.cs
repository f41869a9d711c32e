using System.Text.Json;

namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class TeamManagement(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task A_business_owner_sees_the_whole_team_with_roles_and_status()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Bruno Vendas");
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");

        var team = await ReadTeam(await owner.SendAsync(HttpMethod.Get, "/api/users"));

        Assert.Equal(2, team.GetProperty("total").GetInt32());
        var bruno = team.GetProperty("items").EnumerateArray().Single(u => u.GetProperty("id").GetInt64() == seller.UserId);
        Assert.Equal(("Bruno Vendas", seller.Email, "Salesperson", "Inactive"),
            (bruno.GetProperty("name").GetString(), bruno.GetProperty("email").GetString(), bruno.GetProperty("role").GetString(), bruno.GetProperty("status").GetString()));
    }

    [Fact]
    public async Task A_salesperson_sees_only_active_colleagues_id_and_name()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var gone = await app.AColleagueAsync(owner, name: "Ex Vendedor");
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{gone.UserId}/deactivate");

        var team = await ReadTeam(await seller.SendAsync(HttpMethod.Get, "/api/users"));

        var items = team.GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(2, items.Count);
        Assert.All(items, u => Assert.Equal(["id", "name"], u.EnumerateObject().Select(p => p.Name)));
    }

    [Fact]
    public async Task Deactivating_a_user_ends_its_sign_ins_and_its_access_token_at_once()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        Assert.Equal(HttpStatusCode.OK, (await seller.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await seller.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await seller.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = seller.Email, password = seller.Password });
        Assert.Equal("identity.user_inactive", (await Problem.ReadAsync(login)).Code);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE type LIKE '%UserDeactivated%' AND (payload->>'userId')::bigint = @p0", seller.UserId));
    }

    [Fact]
    public async Task Reactivating_lets_the_user_sign_in_again()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate");

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/reactivate");

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = seller.Email, password = seller.Password })).StatusCode);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE type LIKE '%UserReactivated%' AND (payload->>'userId')::bigint = @p0", seller.UserId));
    }

    [Theory]
    [InlineData("POST", "/api/users/{other}/deactivate")]
    [InlineData("POST", "/api/users/{other}/reactivate")]
    [InlineData("PUT", "/api/tenant")]
    [InlineData("DELETE", "/api/tenant")]
    public async Task A_salesperson_calling_a_business_owner_route_gets_403(string method, string route)
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);

        var response = await seller.SendAsync(new HttpMethod(method), route.Replace("{other}", owner.UserId.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            new { name = "Hijacked", password = seller.Password, companyName = owner.CompanyName });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Theory]
    [InlineData("deactivate")]
    [InlineData("reactivate")]
    public async Task Another_companys_user_is_a_404_and_stays_as_it_was(string action)
    {
        var owner = await app.ACompanyAsync();
        var stranger = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{stranger.UserId}/{action}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await stranger.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_business_owner_cannot_deactivate_itself()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{owner.UserId}/deactivate");

        Assert.Equal("identity.cannot_deactivate_self", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Two_owners_deactivating_each_other_at_once_leave_one_active_owner()
    {
        var first = await app.ACompanyAsync();
        var second = await app.AColleagueAsync(first, Colleagues.BusinessOwnerRole, "Second Owner");

        var responses = await Task.WhenAll(
            first.SendAsync(HttpMethod.Post, $"/api/users/{second.UserId}/deactivate"),
            second.SendAsync(HttpMethod.Post, $"/api/users/{first.UserId}/deactivate"));

        Assert.Contains(responses, r => r.StatusCode == HttpStatusCode.NoContent);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE tenant_id = @p0 AND role_id = 1 AND user_status_id = 1", first.TenantId));
    }

    [Theory]
    [InlineData("itself")]
    [InlineData("inactive")]
    [InlineData("another company's")]
    [InlineData("unknown")]
    public async Task Handing_over_to_anyone_but_another_active_colleague_is_a_400_naming_handOverTo_and_deactivates_nobody(string heir)
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var gone = await app.AColleagueAsync(owner, name: "Gone");
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{gone.UserId}/deactivate");
        var stranger = await app.ACompanyAsync();
        var handOverTo = heir switch
        {
            "itself" => seller.UserId,
            "inactive" => gone.UserId,
            "another company's" => stranger.UserId,
            _ => 999_999_999L,
        };

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate", new { handOverTo });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("identity.hand_over_invalid", problem.Code);
        Assert.Equal(["The owner must be an active user of your company."], problem.Errors["handOverTo"]);
        Assert.Equal(HttpStatusCode.OK, (await seller.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_user_id_that_is_not_a_number_is_a_400()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/users/abc/deactivate");

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
    }

    private static async Task<JsonElement> ReadTeam(HttpResponseMessage response)
    {
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
    }
}
