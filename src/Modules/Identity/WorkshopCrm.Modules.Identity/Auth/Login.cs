using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Auth;

internal sealed record LoginRequest(string Email, string Password, bool RememberMe) : INamesAnAccount;

internal sealed class LoginValidator : Validator<LoginRequest>
{
    public LoginValidator()
    {
        RuleFor(r => r.Email).RequiredEmail();
        RuleFor(r => r.Password).NotEmpty().WithMessage("Required.").MaximumLength(PasswordPolicy.MaxLength);
    }
}

/// <summary>
/// Sign-in. Unknown e-mail and wrong password get the same 401 after the same work; only someone holding the right
/// password learns that the account is inactive.
/// </summary>
internal sealed class Login(ModuleDbFactory<IdentityDb> dbs, Credentials credentials, SessionIssuer sessions, EmailThrottle throttle)
    : Endpoint<LoginRequest, Results<Ok<TokensResponse>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/login");
        AllowAnonymous();
        Group<SignInRoutes>();
        PreProcessor<RefusedWhileAccountLocked<LoginRequest>>();
        Description(x => x.Produces(StatusCodes.Status401Unauthorized).Produces(StatusCodes.Status429TooManyRequests));
        Summary(s => s.Summary = "Sign in with e-mail and password");
    }

    public override async Task<Results<Ok<TokensResponse>, ProblemHttpResult>> ExecuteAsync(LoginRequest req, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(req.Email);

        // Signing in crosses companies on purpose: the e-mail is what names the company.
        await using var db = dbs.AcrossTenants();
        var user = await db.Users.IgnoreQueryFilters().Include(u => u.Tenant).SingleOrDefaultAsync(u => u.Email == email, ct);
        var check = credentials.Verify(user, req.Password);
        if (user is null || check == PasswordVerificationResult.Failed)
        {
            await throttle.CountFailureAsync(email, ct);
            return Problems.Unauthorized("identity.invalid_credentials", "Wrong e-mail or password.");
        }

        if (!user.IsActive)
        {
            return Problems.Unauthorized("identity.user_inactive",
                "Your account is inactive. Ask your company's owner to reactivate it.");
        }

        if (check == PasswordVerificationResult.SuccessRehashNeeded)
            user.Password = credentials.Hash(user, req.Password);

        var (session, signedIn) = sessions.Start(user, user.Tenant!, req.RememberMe, HttpContext);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.RememberMe ? signedIn.RefreshExpiresAt : null);
        return TypedResults.Ok(signedIn.Body);
    }
}
