using System.Net;
using System.Runtime.CompilerServices;

namespace WorkshopCrm.Testing;

/// <summary>The cookies a test client holds, like a browser's jar (the refresh cookie is HttpOnly: only the jar sees it).</summary>
public static class CookieJar
{
    private static readonly ConditionalWeakTable<HttpClient, CookieContainer> Jars = new();

    internal static void Remember(HttpClient client, CookieContainer cookies) => Jars.AddOrUpdate(client, cookies);

    public static CookieContainer Of(HttpClient client) =>
        Jars.TryGetValue(client, out var cookies) ? cookies : throw new InvalidOperationException("Not a client made by the fixture.");

    public static string RefreshTokenOf(HttpClient client) =>
        Of(client).GetCookies(new Uri("http://localhost/api/auth/refresh"))["crm_refresh"]?.Value
        ?? throw new InvalidOperationException("The client holds no refresh cookie.");
}
