namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>Sign-in is limited per account: a small limit here, so the test reaches it quickly.</summary>
public sealed class PerAccountLimitFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["RateLimits:Auth:PerEmailPermitLimit"] = "3";
}

/// <summary>Sign-in is limited per client address (all test requests share one).</summary>
public sealed class PerAddressLimitFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["RateLimits:Auth:PerIpPermitLimit"] = "4";
}

public sealed class RateLimitingPerAccount(PerAccountLimitFixture app) : IClassFixture<PerAccountLimitFixture>
{
    [Fact]
    public async Task Too_many_sign_in_attempts_for_one_account_get_429_with_Retry_After()
    {
        var email = Given.UniqueEmail("target");
        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "guess " + i })).StatusCode);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email, password = "guess 4" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(int.Parse(response.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.Equal("rate_limited", (await Problem.ReadAsync(response)).Code);
        var otherAccount = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = Given.UniqueEmail("other"), password = "guess" });
        Assert.Equal(HttpStatusCode.Unauthorized, otherAccount.StatusCode);
    }
}

public sealed class RecoveryMailPerAccount(PerAccountLimitFixture app) : IClassFixture<PerAccountLimitFixture>
{
    [Fact]
    public async Task Every_recovery_request_spends_the_accounts_allowance_and_the_next_gets_429()
    {
        var company = await app.ACompanyAsync();
        for (var i = 0; i < 2; i++)
            Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = company.Email })).StatusCode);
        var reset = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = company.Email.ToUpperInvariant(), token = "not-the-token", password = Given.GoodPassword + "x" });

        var fourth = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = company.Email });
        var malformed = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = "not an e-mail" });

        Assert.NotEqual(HttpStatusCode.TooManyRequests, reset.StatusCode); // the third: wrong token, but counted (same account, any case)
        Assert.Equal(HttpStatusCode.TooManyRequests, fourth.StatusCode);
        Assert.True(fourth.Headers.Contains("Retry-After"));
        Assert.Equal("rate_limited", (await Problem.ReadAsync(fourth)).Code);
        Assert.Equal(HttpStatusCode.BadRequest, malformed.StatusCode); // validation answers first, naming the field
        Assert.Equal(HttpStatusCode.Accepted, (await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = Given.UniqueEmail("other") })).StatusCode);
    }
}

public sealed class SignInsThatSucceed(PerAccountLimitFixture app) : IClassFixture<PerAccountLimitFixture>
{
    [Fact]
    public async Task Signing_up_and_in_again_and_again_never_locks_the_account_only_wrong_passwords_do()
    {
        var company = await app.ACompanyAsync(); // the sign-up: the first of the account's attempts, were they all counted
        for (var i = 0; i < 6; i++)
            Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = company.Email, password = Given.GoodPassword })).StatusCode);

        for (var i = 0; i < 3; i++)
            Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = company.Email, password = "wrong " + i })).StatusCode);
        var locked = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = company.Email, password = Given.GoodPassword });

        Assert.Equal(HttpStatusCode.TooManyRequests, locked.StatusCode);
        var wait = int.Parse(locked.Headers.GetValues("Retry-After").Single(), System.Globalization.CultureInfo.InvariantCulture);
        Assert.InRange(wait, 1, 15 * 60);
    }
}

public sealed class RateLimitingPerAddress(PerAddressLimitFixture app) : IClassFixture<PerAddressLimitFixture>
{
    [Fact]
    public async Task Too_many_auth_requests_from_one_address_get_429_with_Retry_After()
    {
        for (var i = 0; i < 4; i++)
            await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = Given.UniqueEmail(), password = "whatever" });

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = Given.UniqueEmail(), password = "whatever" });

        Assert.Equal(HttpStatusCode.TooManyRequests, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        Assert.Equal("rate_limited", (await Problem.ReadAsync(response)).Code);
    }
}
