using System.Net.Http.Headers;
using System.Text;

namespace WorkshopCrm.Modules.Identity.Tests;

public sealed class AccessTokens(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Me_answers_the_signed_in_user_and_company()
    {
        var owner = await app.ACompanyAsync();

        var me = await (await owner.SendAsync(HttpMethod.Get, "/api/me")).Content.ReadFromJsonAsync<UserBody>();

        Assert.Equal((owner.UserId, owner.Email, "BusinessOwner", owner.TenantId, owner.CompanyName), (me!.Id, me.Email, me.Role, me.Tenant.Id, me.Tenant.Name));
    }

    [Fact]
    public async Task Without_a_token_me_is_a_401_problem()
    {
        var response = await app.CreateClient().GetAsync("/api/me");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Equal("auth.unauthenticated", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task A_token_with_a_changed_claim_is_refused()
    {
        var owner = await app.ACompanyAsync();
        var parts = owner.AccessToken.Split('.');
        var claims = Encoding.UTF8.GetString(Base64Url.DecodeFromChars(parts[1])).Replace("\"tenant_id\":\"" + owner.TenantId, "\"tenant_id\":\"999999", StringComparison.Ordinal);
        var forged = $"{parts[0]}.{Base64Url.EncodeToString(Encoding.UTF8.GetBytes(claims))}.{parts[2]}";

        var response = await CallMeWith(forged);

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task An_unsigned_alg_none_token_is_refused()
    {
        var owner = await app.ACompanyAsync();
        var payload = owner.AccessToken.Split('.')[1];
        var header = Base64Url.EncodeToString("{\"alg\":\"none\",\"typ\":\"JWT\"}"u8);

        var response = await CallMeWith($"{header}.{payload}.");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    [Fact]
    public async Task A_token_signed_with_another_key_is_refused()
    {
        var owner = await app.ACompanyAsync();
        var parts = owner.AccessToken.Split('.');
        using var otherKey = new System.Security.Cryptography.HMACSHA256(Encoding.UTF8.GetBytes("another-key-another-key-another-key-1234"));
        var signature = Base64Url.EncodeToString(otherKey.ComputeHash(Encoding.ASCII.GetBytes($"{parts[0]}.{parts[1]}")));

        var response = await CallMeWith($"{parts[0]}.{parts[1]}.{signature}");

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
    }

    private async Task<HttpResponseMessage> CallMeWith(string token)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return await app.CreateClient().SendAsync(request);
    }

    private static class Base64Url
    {
        public static byte[] DecodeFromChars(string value) => System.Buffers.Text.Base64Url.DecodeFromChars(value);

        public static string EncodeToString(ReadOnlySpan<byte> bytes) => System.Buffers.Text.Base64Url.EncodeToString(bytes);
    }
}
