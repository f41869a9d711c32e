using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>
/// Trades the refresh cookie for new tokens and a new cookie. The presented token is spent; presenting a spent one
/// again means it was stolen or replayed, so the whole sign-in is revoked; except the one spent in the last 30 s,
/// which gets the same answer again (two tabs opening at once), and a secret the sign-in never had, which is a plain
/// 401 that ends nothing.
/// </summary>
internal sealed class Refresh(ModuleDbFactory<IdentityDb> dbs, SessionIssuer sessions, SessionRevocation revocation, ILogger<Refresh> logger) : EndpointWithoutRequest<Results<Ok<TokensResponse>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/refresh");
        AllowAnonymous();
        Group<SignInRoutes>();
        Description(x => x.Produces(StatusCodes.Status401Unauthorized));
        Summary(s => s.Summary = "Rotate the refresh cookie and get a new access token");
    }

    public override async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> ExecuteAsync(CancellationToken ct)
    {
        if (!SessionIssuer.TryParse(RefreshCookie.Read(HttpContext), out var sessionId, out var secret))
            return Refuse("identity.refresh_invalid", "Your session has ended; sign in again.");

        // The cookie names a sign-in, not a company: this unit of work crosses tenants to find its user.
        await using var db = dbs.AcrossTenants();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Row lock: two refreshes of one session are served one after the other, never both with one token.
        var session = await db.Sessions
            .FromSql($"SELECT * FROM identity.sessions WHERE id = {sessionId} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        if (session is null)
            return Refuse("identity.refresh_invalid", "Your session has ended; sign in again.");

        var verdict = sessions.Judge(session, secret);
        if (verdict == RefreshVerdict.Unknown)
        {
            // Not a secret this sign-in ever had: whoever sent it ends nothing (the id is in every access token).
            return Refuse("identity.refresh_invalid", "Your session has ended; sign in again.");
        }

        var refusal = verdict == RefreshVerdict.Spent ? Reused(session) : await CheckAsync(db, session, ct);
        if (refusal is not null)
        {
            await revocation.EndAsync(db, [session.Id], ct);
            await transaction.CommitAsync(ct);
            return Refuse(refusal.Value.Code, refusal.Value.Title);
        }

        var user = await db.Users.IgnoreQueryFilters().Include(u => u.Tenant).SingleAsync(u => u.Id == session.UserId, ct);
        // A second tab that refreshed with the same cookie a moment after the first gets the first one's answer.
        var signedIn = verdict == RefreshVerdict.JustRotated
            ? sessions.Reissue(session, user, user.Tenant!, secret)
            : sessions.Rotate(session, user, user.Tenant!, secret);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.RememberMe ? signedIn.RefreshExpiresAt : null);
        return TypedResults.Ok(signedIn.Body);
    }

    private (string Code, string Title)? Reused(Session session)
    {
        logger.LogWarning("A spent refresh token was presented for user {UserId}; the session is revoked", session.UserId);
        return ("identity.refresh_reused", "This session was ended for your safety; sign in again.");
    }

    private async Task<(string Code, string Title)?> CheckAsync(IdentityDb db, Session session, CancellationToken ct)
    {
        if (sessions.IsExpired(session))
            return ("identity.refresh_expired", "Your session has expired; sign in again.");

        var active = session.UserId is { } userId
            && await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Id == userId && u.UserStatusId == UserStatus.Active, ct);
        return active ? null : ("identity.user_inactive", "Your account is inactive. Ask your company's owner to reactivate it.");
    }

    private ProblemHttpResult Refuse(string code, string title)
    {
        RefreshCookie.Clear(HttpContext);
        return Problems.Unauthorized(code, title);
    }
}
