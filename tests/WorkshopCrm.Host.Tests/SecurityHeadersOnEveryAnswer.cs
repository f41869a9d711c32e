namespace WorkshopCrm.Host.Tests;

/// <summary>Every answer, API or SPA, success or problem, carries the browser hardening headers.</summary>
public sealed class SecurityHeadersOnEveryAnswer(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Theory]
    [InlineData("/health/live")]
    [InlineData("/api/me")]
    [InlineData("/api/no-such-thing")]
    public async Task Each_answer_carries_the_hardening_headers(string path)
    {
        var response = await app.CreateClient().GetAsync(path);

        var csp = Header(response, "Content-Security-Policy");
        Assert.Contains("default-src 'self'", csp, StringComparison.Ordinal);
        Assert.Contains("frame-ancestors 'none'", csp, StringComparison.Ordinal);
        Assert.Contains("img-src 'self' data:", csp, StringComparison.Ordinal);
        Assert.DoesNotContain("unsafe-inline", csp, StringComparison.Ordinal);
        Assert.Equal("nosniff", Header(response, "X-Content-Type-Options"));
        Assert.Equal("no-referrer", Header(response, "Referrer-Policy"));
        Assert.Contains("camera=()", Header(response, "Permissions-Policy"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Over_https_outside_development_the_browser_is_told_to_stay_on_https()
    {
        // ASP.NET leaves HSTS off for localhost, where a developer would be stuck with it.
        var https = app.Factory.CreateClient(new() { BaseAddress = new Uri("https://crm.example.com") });

        var response = await https.GetAsync("/health/live");

        Assert.StartsWith("max-age=", Header(response, "Strict-Transport-Security"), StringComparison.Ordinal);
    }

    private static string Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? string.Join(", ", values)
        : response.Content.Headers.TryGetValues(name, out var content) ? string.Join(", ", content)
        : throw new Xunit.Sdk.XunitException($"No {name} header on {(int)response.StatusCode} {response.RequestMessage?.RequestUri}");
}
