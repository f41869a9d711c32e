using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace WorkshopCrm.Testing;

/// <summary>A signed-in user and the browser-like client that holds its refresh cookie.</summary>
public sealed record Account(HttpClient Client, string AccessToken, long UserId, long TenantId, string Email, string Password, string CompanyName)
{
    /// <summary>A request carrying this account's access token.</summary>
    public HttpRequestMessage Request(HttpMethod method, string path, object? body = null)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", AccessToken);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return request;
    }

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null) =>
        Client.SendAsync(Request(method, path, body));
}

public sealed record TokensBody(string AccessToken, int ExpiresIn, UserBody User);

public sealed record UserBody(long Id, string Name, string Email, bool EmailVerified, string Role, string Status, TenantBody Tenant);

public sealed record TenantBody(long Id, string Name);

/// <summary>Builders for test data, through the public API like a user would.</summary>
public static class Given
{
    public const string GoodPassword = "correct horse battery staple";

    public static string UniqueEmail(string who = "owner") => $"{who}.{Guid.NewGuid():N}@example.com";

    /// <summary>A freshly signed-up company and its Business Owner, signed in.</summary>
    public static Task<Account> ACompanyAsync(this CrmAppFixture app, string? email = null, string? companyName = null) =>
        ACompanyAsync(app.CreateClient(), email, companyName);

    /// <summary>The same, through any client of a Host (an in-process factory's or a real process's).</summary>
    public static async Task<Account> ACompanyAsync(HttpClient client, string? email = null, string? companyName = null)
    {
        email ??= UniqueEmail();
        companyName ??= $"Oficina {Guid.NewGuid():N}"[..20];
        var response = await client.PostAsJsonAsync("/api/auth/register",
            new { companyName, name = "Maria Souza", email, password = GoodPassword });
        if (response.StatusCode != HttpStatusCode.Created)
            throw new InvalidOperationException($"Sign-up failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        return new Account(client, tokens.AccessToken, tokens.User.Id, tokens.User.Tenant.Id, email, GoodPassword, companyName);
    }
}
