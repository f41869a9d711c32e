namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class Sessions(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Refreshing_gives_a_new_access_token_and_a_new_cookie()
    {
        var owner = await app.ACompanyAsync();
        var firstCookie = await RefreshCookieOf(owner);

        var response = await owner.Client.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        Assert.Equal(owner.UserId, tokens.User.Id);
        Assert.NotEqual(firstCookie, await RefreshCookieOf(owner));
    }

    [Fact]
    public async Task Reusing_a_spent_refresh_token_revokes_the_whole_sign_in()
    {
        var owner = await app.ACompanyAsync();
        var spent = await RefreshCookieOf(owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/auth/refresh", null)).StatusCode);

        var replay = await PostWithCookie("/api/auth/refresh", spent);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("identity.refresh_reused", (await Problem.ReadAsync(replay)).Code);
        var legitimate = await owner.Client.PostAsync("/api/auth/refresh", null); // holds the newest cookie, but the family is gone
        Assert.Equal(HttpStatusCode.Unauthorized, legitimate.StatusCode);
    }

    [Fact]
    public async Task Logging_out_clears_the_cookie_and_ends_the_session()
    {
        var owner = await app.ACompanyAsync();
        var cookie = await RefreshCookieOf(owner);

        var response = await owner.Client.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Contains("crm_refresh=;", Assert.Single(response.Headers.GetValues("Set-Cookie")), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWithCookie("/api/auth/refresh", cookie)).StatusCode);
    }

    [Fact]
    public async Task Signing_out_one_browser_leaves_the_other_signed_in()
    {
        var owner = await app.ACompanyAsync();
        var laptop = app.CreateClient();
        await laptop.PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password });

        await owner.Client.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.OK, (await laptop.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Refreshing_without_a_cookie_or_with_garbage_is_a_401()
    {
        var none = await app.CreateClient().PostAsync("/api/auth/refresh", null);
        var garbage = await PostWithCookie("/api/auth/refresh", "nonsense");
        var unknown = await PostWithCookie("/api/auth/refresh", "unknownsession.unknownsecret");

        Assert.All([none, garbage, unknown], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("identity.refresh_invalid", (await Problem.ReadAsync(unknown)).Code);
    }

    [Fact]
    public async Task A_deactivated_user_cannot_refresh()
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET user_status_id = 2 WHERE id = @p0", owner.UserId);

        var response = await owner.Client.PostAsync("/api/auth/refresh", null);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("identity.user_inactive", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task The_refresh_token_is_stored_only_as_a_hash()
    {
        var owner = await app.ACompanyAsync();
        var secret = (await RefreshCookieOf(owner)).Split('.')[1];

        var stored = await app.ScalarAsync<long>("SELECT count(*) FROM identity.sessions WHERE user_id = @p0 AND payload NOT LIKE '%' || @p1 || '%' AND token_hash <> @p1", owner.UserId, secret);

        Assert.Equal(1L, stored);
    }

    private async Task<HttpResponseMessage> PostWithCookie(string path, string refreshToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, path);
        request.Headers.Add("Cookie", $"crm_refresh={refreshToken}");
        return await app.Factory.CreateClient(new() { HandleCookies = false }).SendAsync(request);
    }

    private static Task<string> RefreshCookieOf(Account account) =>
        Task.FromResult(CookieJar.RefreshTokenOf(account.Client));
}
