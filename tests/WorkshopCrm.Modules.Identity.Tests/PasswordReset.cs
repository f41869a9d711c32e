namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class PasswordReset(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    private const string NewPassword = "a brand new passphrase";

    [Fact]
    public async Task The_reset_link_e_mailed_over_smtp_sets_a_new_password()
    {
        var owner = await app.ACompanyAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var link = await ResetLinkFor(owner.Email);
        Assert.Equal(owner.Email, IdentityGiven.QueryValue(link, "email"));
        var reset = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password",
            new { email = owner.Email, token = IdentityGiven.QueryValue(link, "token"), password = NewPassword });
        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = NewPassword })).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password })).StatusCode);
    }

    [Fact]
    public async Task An_unknown_e_mail_gets_the_same_202_and_no_mail()
    {
        var nobody = Given.UniqueEmail("nobody");

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = nobody });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        await Eventually.TrueAsync(
            async () => await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE payload->>'email' = @p0 AND delivered_at IS NOT NULL", nobody) == 1,
            "the request to be handled");
        Assert.DoesNotContain(app.Smtp.Messages, m => m.To.Mailboxes.Any(a => a.Address == nobody));
    }

    [Fact]
    public async Task A_reset_ends_every_session_and_access_token_of_the_user()
    {
        var owner = await app.ACompanyAsync();
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email });
        var link = await ResetLinkFor(owner.Email);

        var reset = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password",
            new { email = owner.Email, token = IdentityGiven.QueryValue(link, "token"), password = NewPassword });

        Assert.Equal(HttpStatusCode.NoContent, reset.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_works_once()
    {
        var owner = await app.ACompanyAsync();
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email });
        var token = IdentityGiven.QueryValue(await ResetLinkFor(owner.Email), "token");
        await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = owner.Email, token, password = NewPassword });

        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = owner.Email, token, password = "yet another passphrase" });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        Assert.Equal("identity.token_invalid", (await Problem.ReadAsync(again)).Code);
    }

    [Fact]
    public async Task A_reset_link_older_than_an_hour_is_refused()
    {
        var owner = await app.ACompanyAsync();
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email });
        var token = IdentityGiven.QueryValue(await ResetLinkFor(owner.Email), "token");
        await app.ExecuteAsync("UPDATE identity.password_reset_tokens SET created_at = now() - interval '61 minutes' WHERE email = @p0", owner.Email);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = owner.Email, token, password = NewPassword });

        Assert.Equal("identity.token_expired", (await Problem.ReadAsync(response)).Code);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password })).StatusCode);
    }

    [Fact]
    public async Task A_new_password_must_meet_the_policy()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password",
            new { email = Given.UniqueEmail(), token = "whatever", password = "12345678" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(["This password is too common; choose another."], problem.Errors["password"]);
    }

    [Fact]
    public async Task A_wrong_token_for_a_real_account_is_refused()
    {
        var owner = await app.ACompanyAsync();
        await app.CreateClient().PostAsJsonAsync("/api/auth/forgot-password", new { email = owner.Email });
        await ResetLinkFor(owner.Email);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/reset-password", new { email = owner.Email, token = "guessed", password = NewPassword });

        Assert.Equal("identity.token_invalid", (await Problem.ReadAsync(response)).Code);
    }

    private async Task<Uri> ResetLinkFor(string email) =>
        IdentityGiven.LinkIn(await app.MailToAsync(email, m => m.Subject?.Contains("senha", StringComparison.Ordinal) == true), "/reset-password");
}
