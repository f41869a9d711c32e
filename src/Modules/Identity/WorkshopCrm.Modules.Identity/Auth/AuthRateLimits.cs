using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Data;
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

/// <summary>
/// Fixed windows counted in PostgreSQL (identity.rate_limit_windows), so that N Host instances share one count
/// instead of multiplying the limit by N (issue 20, ADR 0027): one upsert per check, its row lock serialising the
/// instances' checks of one key. Keys never hold an e-mail in clear text (its SHA-256), only the address or account.
/// </summary>
internal sealed class RateCounters(ModuleDbFactory<IdentityDb> dbs, TimeProvider clock)
{
    private sealed record Window(DateTimeOffset WindowStart, int Hits);

    /// <summary>
    /// Spends <paramref name="cost"/> attempts of <paramref name="key"/>'s window (0 only looks): null when the attempt
    /// may go ahead, else how long until the window ends. A refused attempt spends too: a flood stays refused.
    /// </summary>
    public async Task<TimeSpan?> SpendAsync(string key, int limit, TimeSpan window, int cost, CancellationToken ct)
    {
        await using var db = dbs.WithoutTenant(); // a limit belongs to an address or an e-mail, not to a company
        var now = clock.GetUtcNow();
        var counted = (await db.Database.SqlQuery<Window>(
            $"""
             INSERT INTO identity.rate_limit_windows AS w (key, window_start, hits) VALUES ({key}, {now}, {cost})
             ON CONFLICT (key) DO UPDATE SET
                 window_start = CASE WHEN w.window_start + {window} <= {now} THEN {now} ELSE w.window_start END,
                 hits = CASE WHEN w.window_start + {window} <= {now} THEN {cost} ELSE w.hits + {cost} END
             RETURNING window_start, hits
             """).ToListAsync(ct)).Single();
        if (Random.Shared.Next(256) == 0) // now and then, windows long over go
            await db.Database.ExecuteSqlAsync($"DELETE FROM identity.rate_limit_windows WHERE window_start < {now - TimeSpan.FromDays(1)}", ct);

        var allowed = cost == 0 ? counted.Hits < limit : counted.Hits <= limit;
        return allowed ? null : counted.WindowStart + window - now;
    }

    /// <summary>The 429 problem, with Retry-After in whole seconds.</summary>
    public static ProblemHttpResult TooMany(HttpContext http, TimeSpan retryAfter, string title)
    {
        http.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Problems.Of(StatusCodes.Status429TooManyRequests, "rate_limited", title);
    }
}

/// <summary>The per-address half of the auth rate limit (every route of <see cref="SignInRoutes"/>), shared by the instances.</summary>
internal sealed class AddressThrottle(RateCounters counters, IOptions<AuthRateLimitOptions> options) : IAddressRateLimit
{
    public async Task<IResult?> RefuseAsync(HttpContext http, CancellationToken ct)
    {
        var limits = options.Value;
        var key = "address:" + (http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
        return await counters.SpendAsync(key, limits.PerIpPermitLimit, limits.PerIpWindow, 1, ct) is { } wait
            ? RateCounters.TooMany(http, wait, "Too many requests; try again later.")
            : null;
    }
}

/// <summary>The per-account half of the auth rate limit, counted per e-mail in PostgreSQL, shared by the instances.</summary>
internal sealed class EmailThrottle(RateCounters counters, IOptions<AuthRateLimitOptions> options)
{
    /// <summary>
    /// Null when the attempt may go ahead; otherwise the 429 problem to answer (with Retry-After set). Every call counts:
    /// for what sends mail (verification, recovery), where each request costs someone an e-mail.
    /// </summary>
    public Task<ProblemHttpResult?> RefuseAsync(string normalizedEmail, HttpContext http, CancellationToken ct) => AnswerAsync(normalizedEmail, 1, http, ct);

    /// <summary>
    /// Like <see cref="RefuseAsync"/> but counts nothing: for sign-in and sign-up, where only a failure
    /// (<see cref="CountFailureAsync"/>) spends the account's allowance, so a person signing in and out is never locked out.
    /// </summary>
    public Task<ProblemHttpResult?> RefuseIfLockedAsync(string normalizedEmail, HttpContext http, CancellationToken ct) => AnswerAsync(normalizedEmail, 0, http, ct);

    /// <summary>A wrong password or a taken e-mail: one attempt of the account's allowance is spent.</summary>
    public async Task CountFailureAsync(string normalizedEmail, CancellationToken ct) =>
        await counters.SpendAsync(Key(normalizedEmail), options.Value.PerEmailPermitLimit, options.Value.PerEmailWindow, 1, ct);

    private async Task<ProblemHttpResult?> AnswerAsync(string normalizedEmail, int cost, HttpContext http, CancellationToken ct) =>
        await counters.SpendAsync(Key(normalizedEmail), options.Value.PerEmailPermitLimit, options.Value.PerEmailWindow, cost, ct) is { } wait
            ? RateCounters.TooMany(http, wait, "Too many attempts for this account; try again later.")
            : null;

    private static string Key(string normalizedEmail) =>
        "account:" + Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(normalizedEmail)));
}
