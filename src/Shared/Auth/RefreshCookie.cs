using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopCrm.Shared.Auth;

/// <summary>
/// The refresh token travels only in this HttpOnly cookie (API.md): Path=/api/auth, SameSite=Strict, Secure except on
/// plain-http loopback, persistent only with "remember me".
/// </summary>
public static class RefreshCookie
{
    public const string Name = "crm_refresh";
    private const string Path = "/api/auth";

    public static string? Read(HttpContext http) => http.Request.Cookies[Name];

    /// <param name="persistentUntil">With "remember me": when the cookie expires; otherwise null, a browser-session cookie.</param>
    public static void Write(HttpContext http, string refreshToken, DateTimeOffset? persistentUntil) =>
        http.Response.Cookies.Append(Name, refreshToken, Options(http, persistentUntil));

    public static void Clear(HttpContext http) =>
        http.Response.Cookies.Delete(Name, Options(http, expires: null));

    private static CookieOptions Options(HttpContext http, DateTimeOffset? expires) => new()
    {
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Path = Path,
        Secure = !IsPlainHttpLoopback(http.Request),
        Expires = expires,
        MaxAge = expires is { } e ? e - Clock(http).GetUtcNow() : null,
        IsEssential = true,
    };

    /// <summary>The app's clock (a test's fake one too), so Max-Age and Expires tell the same time.</summary>
    private static TimeProvider Clock(HttpContext http) => http.RequestServices.GetService<TimeProvider>() ?? TimeProvider.System;

    private static bool IsPlainHttpLoopback(HttpRequest request) =>
        !request.IsHttps && request.Host.Host is "localhost" or "127.0.0.1" or "[::1]";
}
