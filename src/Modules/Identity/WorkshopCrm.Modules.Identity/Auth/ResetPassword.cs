using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Auth;

internal sealed record ResetPasswordRequest(string Email, string Token, string Password) : INamesAnAccount;

internal sealed class ResetPasswordValidator : Validator<ResetPasswordRequest>
{
    public ResetPasswordValidator()
    {
        RuleFor(r => r.Email).RequiredEmail();
        RuleFor(r => r.Token).RequiredLine(200);
        RuleFor(r => r.Password).AcceptablePassword();
    }
}

/// <summary>
/// Sets a new password with the token from the reset e-mail (one use, 60 minutes) and ends every sign-in of the
/// user: whoever knew the old password is out at once.
/// </summary>
internal sealed class ResetPassword(
    ModuleDbFactory<IdentityDb> dbs, Credentials credentials, SessionRevocation revocation, IOptions<IdentityOptions> options, TimeProvider clock)
    : Endpoint<ResetPasswordRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/reset-password");
        AllowAnonymous();
        Group<SignInRoutes>();
        PreProcessor<SpendsAccountAllowance<ResetPasswordRequest>>();
        Summary(s => s.Summary = "Choose a new password with the token from the reset e-mail");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(ResetPasswordRequest req, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(req.Email);

        // The link names the user by e-mail, whatever the company: this unit of work crosses tenants.
        await using var db = dbs.AcrossTenants();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var token = await db.PasswordResetTokens
            .FromSql($"SELECT * FROM identity.password_reset_tokens WHERE email = {email} FOR UPDATE")
            .SingleOrDefaultAsync(ct);
        var user = await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Email == email, ct);
        if (token is null || user is null || !OneTimeSecret.Matches(token.Token, req.Token.Trim()))
            return Problems.Field("token", "This link is invalid or was already used.", "identity.token_invalid");

        db.PasswordResetTokens.Remove(token);
        var now = clock.GetUtcNow();
        if (token.CreatedAt is not { } created || created + options.Value.PasswordResetLifetime <= now)
        {
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);
            return Problems.Field("token", "This link has expired; ask for a new one.", "identity.token_expired");
        }

        user.Password = credentials.Hash(user, req.Password);
        user.EmailVerifiedAt ??= now; // the link reached this inbox: the address is theirs
        await revocation.EndAllOfUserAsync(db, user.Id, keep: null, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
