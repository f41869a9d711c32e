using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Sessions;

using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>Ends the sign-in the refresh cookie belongs to and clears the cookie; always 204.</summary>
internal sealed class Logout(IdentityDb db, SessionRevocation revocation) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Post("/api/auth/logout");
        AllowAnonymous();
        Options(x => x.RequireRateLimiting(AuthRateLimits.PerIpPolicy));
        Summary(s => s.Summary = "Sign out: revoke the session and clear the refresh cookie");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        if (SessionIssuer.TryParse(RefreshCookie.Read(HttpContext), out var sessionId, out _))
        {
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteDeleteAsync(ct);
            revocation.Forget([sessionId]);
        }

        RefreshCookie.Clear(HttpContext);
        await Send.NoContentAsync(ct);
    }
}
