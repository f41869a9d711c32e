namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class SigningIn(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task The_right_password_signs_in_whatever_the_e_mail_case()
    {
        var owner = await app.ACompanyAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login",
            new { email = owner.Email.ToUpperInvariant(), password = owner.Password, rememberMe = false });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        Assert.Equal(owner.UserId, tokens.User.Id);
        Assert.False(string.IsNullOrEmpty(tokens.AccessToken));
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_e_mail_get_the_same_401()
    {
        var owner = await app.ACompanyAsync();

        var wrongPassword = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = "not the password" });
        var unknownEmail = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = Given.UniqueEmail("nobody"), password = "not the password" });

        Assert.Equal(HttpStatusCode.Unauthorized, wrongPassword.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, unknownEmail.StatusCode);
        var (a, b) = (await Problem.ReadAsync(wrongPassword), await Problem.ReadAsync(unknownEmail));
        Assert.Equal((a.Code, a.Title), (b.Code, b.Title));
        Assert.Equal("identity.invalid_credentials", a.Code);
        Assert.False(wrongPassword.Headers.Contains("Set-Cookie"));
    }

    [Fact]
    public async Task An_inactive_user_with_the_right_password_is_told_to_ask_the_owner()
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET user_status_id = 2 WHERE id = @p0", owner.UserId);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password });

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("identity.user_inactive", problem.Code);
        Assert.Contains("owner", problem.Title, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_inactive_user_with_a_wrong_password_learns_nothing_more()
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET user_status_id = 2 WHERE id = @p0", owner.UserId);

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = "not the password" });

        Assert.Equal("identity.invalid_credentials", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Remember_me_makes_the_refresh_cookie_outlive_the_browser()
    {
        var owner = await app.ACompanyAsync();

        var remembered = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password, rememberMe = true });
        var notRemembered = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password, rememberMe = false });

        Assert.Contains("max-age=", Assert.Single(remembered.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("max-age=", Assert.Single(notRemembered.Headers.GetValues("Set-Cookie")), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Missing_fields_are_a_400_naming_them()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["email", "password"], problem.Errors.Keys.Order());
    }
}
