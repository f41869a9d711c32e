namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class SigningUp(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Signing_up_creates_the_company_and_its_owner_and_signs_in()
    {
        var client = app.CreateClient();
        var email = Given.UniqueEmail();

        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { companyName = "Oficina do Zé", name = "José Silva", email, password = Given.GoodPassword });

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        Assert.Equal(900, tokens.ExpiresIn);
        Assert.Equal(("José Silva", email, "BusinessOwner", "Active", false), (tokens.User.Name, tokens.User.Email, tokens.User.Role, tokens.User.Status, tokens.User.EmailVerified));
        Assert.Equal("Oficina do Zé", tokens.User.Tenant.Name);
        var me = await client.SendAsync(new Account(client, tokens.AccessToken, 0, 0, email, "", "").Request(HttpMethod.Get, "/api/me"));
        Assert.Equal(tokens.User, await me.Content.ReadFromJsonAsync<UserBody>());
    }

    [Fact]
    public async Task The_refresh_token_travels_only_in_an_http_only_strict_cookie()
    {
        var client = app.CreateClient();

        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { companyName = "Cookie Ltda", name = "Ana", email = Given.UniqueEmail(), password = Given.GoodPassword });

        var cookie = Assert.Single(response.Headers.GetValues("Set-Cookie"));
        Assert.StartsWith("crm_refresh=", cookie, StringComparison.Ordinal);
        Assert.Contains("httponly", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("samesite=strict", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.Contains("path=/api/auth", cookie, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("expires", cookie, StringComparison.OrdinalIgnoreCase); // a session cookie: no "remember me" at sign-up
        Assert.DoesNotContain("refresh", await response.Content.ReadAsStringAsync(), StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task An_e_mail_that_already_has_an_account_is_a_409_naming_the_field_whatever_its_case()
    {
        var existing = await app.ACompanyAsync();

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { companyName = "Outra", name = "Outro", email = "  " + existing.Email.ToUpperInvariant() + " ", password = Given.GoodPassword });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("identity.email_taken", problem.Code);
        Assert.Contains("email", problem.Errors.Keys);
    }

    [Fact]
    public async Task Concurrent_sign_ups_with_one_e_mail_create_one_account_and_clean_409s()
    {
        var email = Given.UniqueEmail();

        var responses = await Task.WhenAll(Enumerable.Range(0, 6).Select(i => app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { companyName = $"Empresa {i}", name = "Dup", email, password = Given.GoodPassword })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = @p0", email));
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.tenants t WHERE name LIKE 'Empresa %' AND EXISTS (SELECT 1 FROM identity.users u WHERE u.tenant_id = t.id AND u.email = @p0)", email));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.tenants t WHERE name LIKE 'Empresa %' AND NOT EXISTS (SELECT 1 FROM identity.users u WHERE u.tenant_id = t.id)"));
    }

    [Theory]
    [InlineData("companyName", "", "Required.")]
    [InlineData("name", "   ", "Required.")]
    [InlineData("email", "not-an-email", "Not a valid e-mail address.")]
    [InlineData("password", "short", "At least 8 characters.")]
    [InlineData("password", "password123", "This password is too common; choose another.")]
    [InlineData("companyName", "Tab\tCo", "Must not contain control characters.")]
    public async Task Bad_input_is_a_400_naming_the_field(string field, string value, string message)
    {
        var body = new Dictionary<string, string>
        {
            ["companyName"] = "Valid Co", ["name"] = "Valid Name", ["email"] = Given.UniqueEmail(), ["password"] = Given.GoodPassword,
        };
        body[field] = value;

        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register", body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal([message], problem.Errors[field]);
    }

    [Fact]
    public async Task Overlong_fields_are_refused_not_truncated()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/register",
            new { companyName = new string('x', 256), name = "Ok", email = Given.UniqueEmail(), password = new string('p', 129) });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(400, problem.Status);
        Assert.Equal(["At most 255 characters."], problem.Errors["companyName"]);
        Assert.Equal(["At most 128 characters."], problem.Errors["password"]);
    }

    [Theory]
    [InlineData("{\"companyName\": 5")]
    [InlineData("not json at all")]
    [InlineData("{\"companyName\": [1,2], \"name\": \"x\"}")]
    public async Task Malformed_json_is_a_400_problem_never_a_500(string json)
    {
        var response = await app.CreateClient().PostAsync("/api/auth/register", new StringContent(json, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(400, (await Problem.ReadAsync(response)).Status);
    }

    [Fact]
    public async Task Sign_up_publishes_TenantRegistered_and_UserRegistered_through_the_outbox()
    {
        var owner = await app.ACompanyAsync();

        var types = await app.ScalarAsync<string>(
            "SELECT string_agg(type, ',' ORDER BY type) FROM identity.outbox_messages WHERE payload->>'tenantId' = @p0",
            owner.TenantId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(
            "WorkshopCrm.Contracts.Identity.TenantRegistered, WorkshopCrm.Contracts.Identity,WorkshopCrm.Contracts.Identity.UserRegistered, WorkshopCrm.Contracts.Identity",
            types);
        await Eventually.TrueAsync(
            async () => await app.ScalarAsync<long>("SELECT count(*) FROM identity.outbox_messages WHERE delivered_at IS NULL") == 0,
            "the outbox to be delivered");
    }

    [Fact]
    public async Task Passwords_are_stored_as_PBKDF2_SHA512_hashes_with_the_configured_rounds()
    {
        var owner = await app.ACompanyAsync();

        var stored = (await app.ScalarAsync<string>("SELECT password FROM identity.users WHERE id = @p0", owner.UserId))!;
        var bytes = Convert.FromBase64String(stored);
        Assert.Equal(0x01, bytes[0]); // Identity v3 format
        Assert.Equal(2u, System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(1))); // HMACSHA512
        // The tests' work factor; a real install's 210,000 is PasswordHashing's to check (ADR 0031).
        Assert.Equal(uint.Parse(TestPasswords.Iterations, System.Globalization.CultureInfo.InvariantCulture), System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(bytes.AsSpan(5)));
        Assert.DoesNotContain(owner.Password, stored, StringComparison.Ordinal);
    }
}
