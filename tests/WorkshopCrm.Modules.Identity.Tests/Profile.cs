namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class Profile(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Changing_my_name_shows_in_me_and_is_published()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Put, "/api/me", new { name = "  Maria S. Souza " });

        Assert.Equal("Maria S. Souza", (await response.Content.ReadFromJsonAsync<UserBody>())!.Name);
        Assert.Equal("Maria S. Souza", (await (await owner.SendAsync(HttpMethod.Get, "/api/me")).Content.ReadFromJsonAsync<UserBody>())!.Name);
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM identity.outbox_messages WHERE type LIKE '%UserProfileChanged%' AND (payload->>'userId')::bigint = @p0 AND payload->>'name' = 'Maria S. Souza'", owner.UserId));
    }

    [Fact]
    public async Task A_blank_name_is_a_400_naming_it()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Put, "/api/me", new { name = " " });

        Assert.Equal(["Required."], (await Problem.ReadAsync(response)).Errors["name"]);
    }

    [Fact]
    public async Task Changing_my_password_needs_the_current_one()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = "not it", newPassword = "another good passphrase" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("identity.wrong_password", 400), (problem.Code, problem.Status));
        Assert.Contains("currentPassword", problem.Errors.Keys);
    }

    [Fact]
    public async Task Changing_my_password_signs_out_my_other_browsers_but_not_this_one()
    {
        var owner = await app.ACompanyAsync();
        var laptop = await app.SignInAsync(owner.Email, owner.Password);

        var response = await owner.SendAsync(HttpMethod.Post, "/api/me/password", new { currentPassword = owner.Password, newPassword = "another good passphrase" });

        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Client.PostAsync("/api/auth/refresh", null)).StatusCode);
    }

    [Fact]
    public async Task Logging_out_kills_the_access_token_too()
    {
        var owner = await app.ACompanyAsync();

        await owner.Client.PostAsync("/api/auth/logout", null);

        Assert.Equal(HttpStatusCode.Unauthorized, (await owner.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
    }
}
