using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Sessions;

using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>
/// Ends the sign-in of the refresh cookie (when it is genuine) and of the access token (when one is sent), and clears
/// the cookie; always 204.
/// </summary>
internal sealed class Logout(IdentityDb db, SessionRevocation revocation) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/api/auth/logout");
        AllowAnonymous();
        Group<SignInRoutes>();
        Summary(s => s.Summary = "Sign out: revoke the session and clear the refresh cookie");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var ended = new List<string>();
        if (SessionIssuer.TryParse(RefreshCookie.Read(HttpContext), out var sessionId, out var secret)
            && await db.Sessions.SingleOrDefaultAsync(s => s.Id == sessionId, ct) is { } session && SessionIssuer.IsGenuine(session, secret))
            ended.Add(sessionId);
        // A valid access token (the gate let it through) speaks for its own sign-in.
        if (User.FindFirst(CrmClaims.SessionId)?.Value is { Length: > 0 } tokenSession
            && long.TryParse(User.FindFirst(CrmClaims.UserId)?.Value, System.Globalization.CultureInfo.InvariantCulture, out var userId)
            && await db.Sessions.AnyAsync(s => s.Id == tokenSession && s.UserId == userId, ct))
            ended.Add(tokenSession);

        await revocation.EndAsync(db, ended, ct);

        RefreshCookie.Clear(HttpContext);
        await Send.NoContentAsync(ct);
    }
}
