using FastEndpoints;
using Microsoft.AspNetCore.Builder;

namespace WorkshopCrm.Shared.Auth;

/// <summary>
/// The sign-in family of routes (/api/auth/* and invitation links): each is limited per client address by
/// <see cref="AuthPolicies.PerIpRateLimit"/>. An endpoint joins with <c>Group&lt;SignInRoutes&gt;()</c> in its
/// <c>Configure()</c>; whether it is anonymous stays said on the endpoint itself.
/// </summary>
public sealed class SignInRoutes : Group
{
    public SignInRoutes() =>
        Configure("", endpoint => endpoint.Options(route => route.RequireRateLimiting(AuthPolicies.PerIpRateLimit)));
}
