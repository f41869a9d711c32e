using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Auth;

internal sealed record RegisterRequest(string CompanyName, string Name, string Email, string Password) : INamesAnAccount;

internal sealed class RegisterValidator : Validator<RegisterRequest>
{
    public RegisterValidator()
    {
        RuleFor(r => r.CompanyName).RequiredLine(255);
        RuleFor(r => r.Name).RequiredLine(255);
        RuleFor(r => r.Email).RequiredEmail();
        RuleFor(r => r.Password).AcceptablePassword();
    }
}

/// <summary>Sign-up: a company and its Business Owner in one transaction, signed in at once.</summary>
internal sealed class Register(ModuleDbFactory<IdentityDb> dbs, AccountOpening accounts, SessionIssuer sessions, EmailThrottle throttle)
    : Endpoint<RegisterRequest, Results<Created<TokensResponse>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/auth/register");
        AllowAnonymous();
        Group<SignInRoutes>();
        PreProcessor<RefusedWhileAccountLocked<RegisterRequest>>();
        Description(x => x.Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status429TooManyRequests));
        Summary(s => s.Summary = "Sign up a company and its Business Owner");
    }

    public override async Task<Results<Created<TokensResponse>, ProblemHttpResult>> ExecuteAsync(RegisterRequest req, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(req.Email);

        // An e-mail is unique across companies, and the new company has no id yet: this unit of work crosses tenants.
        await using var db = dbs.AcrossTenants();
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, ct))
        {
            await throttle.CountFailureAsync(email, ct);
            return EmailTaken();
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var locale = Locales.FromAcceptLanguage(HttpContext.Request.Headers.AcceptLanguage);
        Tenant tenant;
        User owner;
        try
        {
            (tenant, owner) = await accounts.OpenCompanyAsync(db, req.CompanyName,
                new NewUser(req.Name, email, req.Password, Role.BusinessOwner, locale, EmailVerified: false), ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("users_email_unique"))
        {
            return EmailTaken(); // a concurrent sign-up with the same e-mail won the race
        }

        var (session, signedIn) = sessions.Start(owner, tenant, rememberMe: false, HttpContext);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.RememberMe ? signedIn.RefreshExpiresAt : null);
        return TypedResults.Created((string?)null, signedIn.Body);
    }

    private static ProblemHttpResult EmailTaken() =>
        Problems.Field("email", "This e-mail already has an account.", "identity.email_taken", StatusCodes.Status409Conflict);
}
