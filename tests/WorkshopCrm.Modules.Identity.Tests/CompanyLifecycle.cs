namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class CompanyLifecycle(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Renaming_the_company_shows_everywhere()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Put, "/api/tenant", new { name = "Oficina Nova" });

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("Oficina Nova", (await (await owner.SendAsync(HttpMethod.Get, "/api/me")).Content.ReadFromJsonAsync<UserBody>())!.Tenant.Name);
    }

    [Fact]
    public async Task Deleting_the_company_needs_the_password()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = "wrong", companyName = owner.CompanyName });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("identity.wrong_password", 400), (problem.Code, problem.Status));
        Assert.Contains("password", problem.Errors.Keys);
    }

    [Fact]
    public async Task Deleting_the_company_needs_its_name_typed()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = owner.Password, companyName = "Something Else" });

        Assert.Contains("companyName", (await Problem.ReadAsync(response)).Errors.Keys);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.tenants WHERE id = @p0", owner.TenantId));
    }

    [Fact]
    public async Task Deleting_the_company_removes_its_people_and_sign_ins_and_tells_the_other_modules()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var neighbour = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = owner.Password, companyName = owner.CompanyName.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE tenant_id = @p0", owner.TenantId));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.sessions WHERE user_id IS NULL OR user_id IN (@p0, @p1)", owner.UserId, seller.UserId));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE type LIKE '%TenantDeleted%' AND (payload->>'tenantId')::bigint = @p0", owner.TenantId));
        Assert.Equal(HttpStatusCode.Unauthorized, (await seller.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await neighbour.SendAsync(HttpMethod.Get, "/api/me")).StatusCode);
        var login = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = owner.Email, password = owner.Password });
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
    }
}
