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
        await RotatedAgoAsync(owner, TimeSpan.FromMinutes(1)); // past the grace window two tabs get

        var replay = await PostWithCookie("/api/auth/refresh", spent);

        Assert.Equal(HttpStatusCode.Unauthorized, replay.StatusCode);
        Assert.Equal("identity.refresh_reused", (await Problem.ReadAsync(replay)).Code);
        var legitimate = await owner.Client.PostAsync("/api/auth/refresh", null); // holds the newest cookie, but the family is gone
        Assert.Equal(HttpStatusCode.Unauthorized, legitimate.StatusCode);
    }

    [Fact]
    public async Task Two_tabs_refreshing_with_one_cookie_at_the_same_moment_both_stay_signed_in()
    {
        var owner = await app.ACompanyAsync();
        var cookie = await RefreshCookieOf(owner);

        var both = await Task.WhenAll(PostWithCookie("/api/auth/refresh", cookie), PostWithCookie("/api/auth/refresh", cookie));

        Assert.All(both, r => Assert.Equal(HttpStatusCode.OK, r.StatusCode));
        var cookies = both.Select(r => r.Headers.GetValues("Set-Cookie").Single().Split(';')[0]).ToList();
        Assert.Equal(cookies[0], cookies[1]); // the second gets the first one's answer, not a reuse alarm
        Assert.Equal(HttpStatusCode.OK, (await PostWithCookie("/api/auth/refresh", cookies[0]["crm_refresh=".Length..])).StatusCode);
    }

    [Fact]
    public async Task A_wrong_secret_next_to_a_known_session_id_is_a_plain_401_that_ends_nothing()
    {
        var owner = await app.ACompanyAsync();
        var sessionId = (await RefreshCookieOf(owner)).Split('.')[0]; // also the access token's sid claim

        var forged = await PostWithCookie("/api/auth/refresh", sessionId + ".garbage");

        Assert.Equal(HttpStatusCode.Unauthorized, forged.StatusCode);
        Assert.Equal("identity.refresh_invalid", (await Problem.ReadAsync(forged)).Code);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
        var logout = new HttpRequestMessage(HttpMethod.Post, "/api/auth/logout");
        logout.Headers.Add("Cookie", $"crm_refresh={sessionId}.garbage");
        await app.Factory.CreateClient(new() { HandleCookies = false }).SendAsync(logout);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_with_only_the_access_token_ends_that_sign_in()
    {
        var owner = await app.ACompanyAsync();
        var cookie = await RefreshCookieOf(owner);
        var bearerOnly = app.Factory.CreateClient(new() { HandleCookies = false });
        bearerOnly.DefaultRequestHeaders.Authorization = new("Bearer", owner.AccessToken);

        var response = await bearerOnly.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await bearerOnly.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await PostWithCookie("/api/auth/refresh", cookie)).StatusCode);
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

    /// <summary>Moves the sign-in's last rotation into the past (no fake clock in this fixture).</summary>
    private Task RotatedAgoAsync(Account account, TimeSpan ago) =>
        app.ExecuteAsync("UPDATE identity.sessions SET payload = jsonb_set(payload::jsonb, '{RotatedAt}', to_jsonb(now() - make_interval(secs => @p1)))::text WHERE user_id = @p0",
            account.UserId, ago.TotalSeconds);

    private static Task<string> RefreshCookieOf(Account account) =>
        Task.FromResult(CookieJar.RefreshTokenOf(account.Client));
}
