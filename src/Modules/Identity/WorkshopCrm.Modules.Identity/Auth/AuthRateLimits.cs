using System.ComponentModel.DataAnnotations;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>Configuration section "RateLimits:Auth": sign-in, sign-up and recovery per address and per account.</summary>
internal sealed class AuthRateLimitOptions
{
    public const string Section = "RateLimits:Auth";

    [Range(1, 100_000)]
    public int PerIpPermitLimit { get; set; } = 30;

    public TimeSpan PerIpWindow { get; set; } = TimeSpan.FromMinutes(1);

    [Range(1, 100_000)]
    public int PerEmailPermitLimit { get; set; } = 10;

    public TimeSpan PerEmailWindow { get; set; } = TimeSpan.FromMinutes(15);
}

internal static class AuthRateLimits
{
    /// <summary>The ASP.NET Core rate-limiter policy every /api/auth/* endpoint requires (per client address).</summary>
    public const string PerIpPolicy = AuthPolicies.PerIpRateLimit; // applied through the SignInRoutes group

    public static RateLimitPartition<string> PerIp(HttpContext http)
    {
        var limits = http.RequestServices.GetRequiredService<IOptions<AuthRateLimitOptions>>().Value;
        return RateLimitPartition.GetFixedWindowLimiter(
            http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerIpPermitLimit, Window = limits.PerIpWindow, QueueLimit = 0 });
    }
}

/// <summary>The per-account half of the auth rate limit: the same built-in limiter, partitioned by e-mail.</summary>
internal sealed class EmailThrottle : IDisposable
{
    private readonly PartitionedRateLimiter<string> _limiter;

    public EmailThrottle(IOptions<AuthRateLimitOptions> options)
    {
        var limits = options.Value;
        _limiter = PartitionedRateLimiter.Create<string, string>(email => RateLimitPartition.GetFixedWindowLimiter(
            email,
            _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.PerEmailPermitLimit, Window = limits.PerEmailWindow, QueueLimit = 0 }));
    }

    /// <summary>
    /// Null when the attempt may go ahead; otherwise the 429 problem to answer (with Retry-After set). Every call counts:
    /// for what sends mail (verification, recovery), where each request costs someone an e-mail.
    /// </summary>
    public ProblemHttpResult? Refuse(string normalizedEmail, HttpContext http) => Answer(_limiter.AttemptAcquire(normalizedEmail), http);

    /// <summary>
    /// Like <see cref="Refuse"/> but counts nothing: for sign-in and sign-up, where only a failure
    /// (<see cref="CountFailure"/>) spends the account's allowance, so a person signing in and out is never locked out.
    /// </summary>
    public ProblemHttpResult? RefuseIfLocked(string normalizedEmail, HttpContext http) => Answer(_limiter.AttemptAcquire(normalizedEmail, 0), http);

    /// <summary>A wrong password or a taken e-mail: one attempt of the account's allowance is spent.</summary>
    public void CountFailure(string normalizedEmail) => _limiter.AttemptAcquire(normalizedEmail).Dispose();

    private static ProblemHttpResult? Answer(RateLimitLease lease, HttpContext http)
    {
        using (lease)
        {
            if (lease.IsAcquired)
                return null;

            var retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
            http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return Problems.Of(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many attempts for this account; try again later.");
        }
    }

    public void Dispose() => _limiter.Dispose();
}
