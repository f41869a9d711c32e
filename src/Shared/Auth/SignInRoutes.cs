using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace WorkshopCrm.Shared.Auth;

/// <summary>
/// The sign-in family of routes (/api/auth/* and invitation links): each is limited per client address by
/// <see cref="IAddressRateLimit"/>, counted where every Host instance sees the same count. An endpoint joins with <c>Group&lt;SignInRoutes&gt;()</c> in its
/// <c>Configure()</c>; whether it is anonymous stays said on the endpoint itself.
/// </summary>
public sealed class SignInRoutes : Group
{
    public SignInRoutes() =>
        Configure("", endpoint => endpoint.Options(route => route.AddEndpointFilter(async (context, next) =>
            await context.HttpContext.RequestServices.GetRequiredService<IAddressRateLimit>()
                .RefuseAsync(context.HttpContext, context.HttpContext.RequestAborted) ?? await next(context))));
}

/// <summary>The per-address limit of the sign-in routes: null to go ahead, or the 429 answer (with Retry-After).</summary>
public interface IAddressRateLimit
{
    Task<Microsoft.AspNetCore.Http.IResult?> RefuseAsync(Microsoft.AspNetCore.Http.HttpContext http, CancellationToken ct);
}
