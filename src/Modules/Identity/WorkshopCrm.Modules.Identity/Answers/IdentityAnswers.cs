using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Answers;

internal sealed class AnswerInvitationCheck(ModuleDbFactory<IdentityDb> dbs) : RequestHandler<InvitationCheckRequest, InvitationCheckAnswer>
{
    protected override async Task<InvitationCheckAnswer> HandleAsync(InvitationCheckRequest request, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(request.TenantId);
        var inviter = await db.Users.AsNoTracking().Include(u => u.Tenant).SingleAsync(u => u.Id == request.InviterUserId, ct);
        var email = EmailAddresses.Normalize(request.Email);
        // E-mails are unique across companies: whether one is taken is asked of every tenant.
        await using var everyone = dbs.AcrossTenants();
        var taken = await everyone.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == email, ct);
        return new InvitationCheckAnswer(inviter.EmailVerifiedAt is not null, inviter.Name, inviter.Tenant!.Name, inviter.Locale, taken);
    }
}

internal sealed class AnswerUserNames(ModuleDbFactory<IdentityDb> dbs) : RequestHandler<UserNamesRequest, UserNamesAnswer>
{
    protected override async Task<UserNamesAnswer> HandleAsync(UserNamesRequest request, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(request.TenantId);
        var names = await db.Users.AsNoTracking().Where(u => request.UserIds.Contains(u.Id)).Select(u => new UserName(u.Id, u.Name)).ToListAsync(ct);
        return new UserNamesAnswer(names);
    }
}

internal sealed class AnswerMailProfile(ModuleDbFactory<IdentityDb> dbs) : RequestHandler<MailProfileRequest, MailProfileAnswer>
{
    protected override async Task<MailProfileAnswer> HandleAsync(MailProfileRequest request, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(request.TenantId);
        var user = await db.Users.AsNoTracking().Include(u => u.Tenant).SingleOrDefaultAsync(u => u.Id == request.UserId, ct);
        return user is null
            ? new MailProfileAnswer(false, "", "", "", false, false, "")
            : new MailProfileAnswer(true, user.Email, user.Name, user.Locale, user.IsActive, user.DailyDigest, user.Tenant!.Name);
    }
}

internal sealed class AnswerCompanyName(ModuleDbFactory<IdentityDb> dbs) : RequestHandler<CompanyNameRequest, CompanyNameAnswer>
{
    protected override async Task<CompanyNameAnswer> HandleAsync(CompanyNameRequest request, CancellationToken ct)
    {
        await using var db = dbs.WithoutTenant();
        return new CompanyNameAnswer(await db.Tenants.Where(t => t.Id == request.TenantId).Select(t => t.Name).SingleOrDefaultAsync(ct));
    }
}

/// <summary>
/// Identity owns user creation: the invited person becomes an Active, verified Salesperson of the inviting company
/// (the one password policy applies) and is signed in at once.
/// </summary>
internal sealed class AnswerCreateInvitedUser(
    ModuleDbFactory<IdentityDb> dbs, AccountOpening accounts, SessionIssuer sessions, IHttpContextAccessor http)
    : RequestHandler<CreateInvitedUserRequest, CreateInvitedUserAnswer>
{
    private static readonly InlineValidator<string> Password = Policy();

    protected override async Task<CreateInvitedUserAnswer> HandleAsync(CreateInvitedUserRequest request, CancellationToken ct)
    {
        var check = await Password.ValidateAsync(request.Password, ct);
        if (!check.IsValid)
            return Refused(check.Errors[0].ErrorCode.Contains('.', StringComparison.Ordinal) ? check.Errors[0].ErrorCode : "validation_failed", "password", check.Errors[0].ErrorMessage);

        await using var db = dbs.ForTenant(request.TenantId);
        var tenant = await db.Tenants.SingleOrDefaultAsync(t => t.Id == request.TenantId, ct);
        if (tenant is null)
            return Refused("invitation.not_found", null, "This invitation is no longer valid.");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        User user;
        try
        {
            user = await accounts.AddUserAsync(db, tenant,
                new NewUser(request.Name, request.Email, request.Password, Role.Salesperson, request.Locale, EmailVerified: true), ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("users_email_unique"))
        {
            return Refused("invitation.email_is_user", "email", "This e-mail already has an account; sign in instead.");
        }

        var (session, signedIn) = sessions.Start(user, tenant, rememberMe: false, http.HttpContext!);
        db.Sessions.Add(session);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        return new CreateInvitedUserAnswer(new SignedInAnswer(signedIn.Body, signedIn.RefreshToken, PersistentUntil: null), null, null, null);
    }

    private static CreateInvitedUserAnswer Refused(string code, string? field, string message) => new(null, code, field, message);

    private static InlineValidator<string> Policy()
    {
        var validator = new InlineValidator<string>();
        validator.RuleFor(p => p).AcceptablePassword();
        return validator;
    }
}
