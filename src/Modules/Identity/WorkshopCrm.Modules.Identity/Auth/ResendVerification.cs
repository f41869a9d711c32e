using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Auth;

/// <summary>Sends the verification link again (a new link; the old one stops working).</summary>
internal sealed class ResendVerification(IdentityDb db, ICurrentUser caller, EmailThrottle throttle, TimeProvider clock) : EndpointWithoutRequest<Results<Accepted, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/verify-email/resend");
        Group<SignInRoutes>();
        Summary(s => s.Summary = "E-mail the verification link again");
    }

    public override async Task<Results<Accepted, ProblemHttpResult>> ExecuteAsync(CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId, ct);
        if (user.EmailVerifiedAt is not null)
            return Problems.Conflict("identity.email_already_verified", "Your e-mail is already verified.");

        if (await throttle.RefuseAsync(user.Email, HttpContext, ct) is { } tooMany)
            return tooMany;

        db.Publish(new EmailVerificationRequested(user.Id, user.TenantId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted((string?)null);
    }
}
