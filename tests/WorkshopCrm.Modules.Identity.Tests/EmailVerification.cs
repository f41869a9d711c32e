namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class EmailVerification(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Signing_up_e_mails_a_link_that_verifies_the_address()
    {
        var owner = await app.ACompanyAsync();

        var mail = await app.MailToAsync(owner.Email);
        var link = IdentityGiven.LinkIn(mail, "/verify-email");
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = IdentityGiven.QueryValue(link, "token") });

        Assert.Equal("Confirme seu e-mail no Workshop CRM", mail.Subject);
        Assert.Contains("<a href=", mail.HtmlBody, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True((await (await owner.SendAsync(HttpMethod.Get, "/api/me")).Content.ReadFromJsonAsync<UserBody>())!.EmailVerified);
    }

    [Fact]
    public async Task Someone_signing_up_from_an_English_browser_gets_the_e_mail_in_English()
    {
        var email = Given.UniqueEmail();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/register")
        {
            Content = JsonContent.Create(new { companyName = "English Co", name = "Ann", email, password = Given.GoodPassword }),
        };
        request.Headers.AcceptLanguage.ParseAdd("en-US,en;q=0.9");

        await app.CreateClient().SendAsync(request);

        Assert.Equal("Confirm your e-mail for Workshop CRM", (await app.MailToAsync(email)).Subject);
    }

    [Fact]
    public async Task A_verification_link_works_once()
    {
        var owner = await app.ACompanyAsync();
        var token = IdentityGiven.QueryValue(IdentityGiven.LinkIn(await app.MailToAsync(owner.Email), "/verify-email"), "token");
        await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token });

        var again = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token });

        Assert.Equal(HttpStatusCode.BadRequest, again.StatusCode);
        var problem = await Problem.ReadAsync(again);
        Assert.Equal("identity.token_invalid", problem.Code);
        Assert.Contains("token", problem.Errors.Keys);
    }

    [Fact]
    public async Task An_expired_verification_link_is_refused()
    {
        var owner = await app.ACompanyAsync();
        var token = IdentityGiven.QueryValue(IdentityGiven.LinkIn(await app.MailToAsync(owner.Email), "/verify-email"), "token");
        await app.ExecuteAsync("UPDATE identity.email_verification_tokens SET expires_at = now() - interval '1 minute' WHERE user_id = @p0", owner.UserId);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token });

        Assert.Equal("identity.token_expired", (await Problem.ReadAsync(response)).Code);
        Assert.False((await (await owner.SendAsync(HttpMethod.Get, "/api/me")).Content.ReadFromJsonAsync<UserBody>())!.EmailVerified);
    }

    [Fact]
    public async Task Resending_mails_a_new_link_and_the_old_one_stops_working()
    {
        var owner = await app.ACompanyAsync();
        var first = await app.MailToAsync(owner.Email);
        var oldToken = IdentityGiven.QueryValue(IdentityGiven.LinkIn(first, "/verify-email"), "token");

        var resend = await owner.SendAsync(HttpMethod.Post, "/api/auth/verify-email/resend");

        Assert.Equal(HttpStatusCode.Accepted, resend.StatusCode);
        var second = await app.MailToAsync(owner.Email, m => m != first);
        var newToken = IdentityGiven.QueryValue(IdentityGiven.LinkIn(second, "/verify-email"), "token");
        Assert.Equal(HttpStatusCode.BadRequest, (await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = oldToken })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = newToken })).StatusCode);
    }

    [Fact]
    public async Task Resending_to_a_verified_address_is_a_409()
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET email_verified_at = now() WHERE id = @p0", owner.UserId);

        var response = await owner.SendAsync(HttpMethod.Post, "/api/auth/verify-email/resend");

        Assert.Equal("identity.email_already_verified", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task A_made_up_token_is_a_400_naming_the_token()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/verify-email", new { token = "made-up" });

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("token", (await Problem.ReadAsync(response)).Errors.Keys);
    }

    [Fact]
    public async Task Verification_tokens_are_stored_only_as_hashes()
    {
        var owner = await app.ACompanyAsync();
        var token = IdentityGiven.QueryValue(IdentityGiven.LinkIn(await app.MailToAsync(owner.Email), "/verify-email"), "token");

        var stored = await app.ScalarAsync<string>("SELECT token FROM identity.email_verification_tokens WHERE user_id = @p0", owner.UserId);

        Assert.NotEqual(token, stored);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE payload::text LIKE '%' || @p0 || '%'", token));
    }
}
