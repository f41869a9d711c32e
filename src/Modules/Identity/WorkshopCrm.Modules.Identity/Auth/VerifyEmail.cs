using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Identity.Auth;

internal sealed record VerifyEmailRequest(string Token);

internal sealed class VerifyEmailValidator : Validator<VerifyEmailRequest>
{
    public VerifyEmailValidator() => RuleFor(r => r.Token).RequiredLine(200);
}

/// <summary>The link from the sign-up e-mail: marks the address verified. Each link works once, until it expires.</summary>
internal sealed class VerifyEmail(ModuleDbFactory<IdentityDb> dbs, TimeProvider clock) : Endpoint<VerifyEmailRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/verify-email");
        AllowAnonymous();
        Group<SignInRoutes>();
        Summary(s => s.Summary = "Verify the e-mail address with the token from the e-mail");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(VerifyEmailRequest req, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var hash = OneTimeSecret.Hash(req.Token.Trim());
        // The link names a user, not a company: this unit of work crosses tenants to find it.
        await using var db = dbs.AcrossTenants();
        var token = await db.EmailVerificationTokens.SingleOrDefaultAsync(t => t.Token == hash, ct);
        if (token is null)
            return Problems.Field("token", "This link is invalid or was already used.", "identity.token_invalid");

        db.EmailVerificationTokens.Remove(token);
        if (token.ExpiresAt <= now)
        {
            await db.SaveChangesAsync(ct);
            return Problems.Field("token", "This link has expired; ask for a new one.", "identity.token_expired");
        }

        var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Id == token.UserId, ct);
        user.EmailVerifiedAt ??= now;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
