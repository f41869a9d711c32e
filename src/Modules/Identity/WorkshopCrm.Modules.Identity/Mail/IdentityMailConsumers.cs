using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Mail;

/// <summary>
/// Makes a verification token and mails its link. The token is made here, in the consumer, so it is never stored
/// in plain text (not even in the outbox); a failed send rolls the token back and the message is retried.
/// </summary>
internal sealed class VerificationMailer(IdentityMail mail, IEmailSender email, IOptions<IdentityOptions> options, TimeProvider clock)
{
    public async Task SendAsync(IdentityDb db, long userId, CancellationToken ct)
    {
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == userId, ct);
        if (user is null || user.EmailVerifiedAt is not null || !user.IsActive)
            return;

        var token = OneTimeSecret.New();
        var now = clock.GetUtcNow();
        await db.EmailVerificationTokens.Where(t => t.UserId == userId).ExecuteDeleteAsync(ct); // the new link replaces any older one
        db.EmailVerificationTokens.Add(new EmailVerificationToken
        {
            UserId = userId, Token = OneTimeSecret.Hash(token), CreatedAt = now, ExpiresAt = now + options.Value.EmailVerificationLifetime,
        });
        await db.SaveChangesAsync(ct);
        await email.SendAsync(mail.Verification(user, token), ct);
    }
}

/// <summary>Sign-up: the new owner gets the link to verify the e-mail (invited users arrive verified).</summary>
internal sealed class MailVerificationOnSignUp(ModuleDbFactory<IdentityDb> dbs, VerificationMailer mailer)
    : IdempotentConsumer<UserRegistered, IdentityDb>(dbs)
{
    protected override long? TenantOf(UserRegistered message) => message.TenantId;

    protected override Task HandleAsync(IdentityDb db, UserRegistered message, CancellationToken ct) =>
        message.EmailVerified ? Task.CompletedTask : mailer.SendAsync(db, message.UserId, ct);
}

/// <summary>"Send the link again."</summary>
internal sealed class MailVerificationOnRequest(ModuleDbFactory<IdentityDb> dbs, VerificationMailer mailer)
    : IdempotentConsumer<EmailVerificationRequested, IdentityDb>(dbs)
{
    protected override long? TenantOf(EmailVerificationRequested message) => message.TenantId;

    protected override Task HandleAsync(IdentityDb db, EmailVerificationRequested message, CancellationToken ct) =>
        mailer.SendAsync(db, message.UserId, ct);
}

/// <summary>
/// "Forgot my password": when the e-mail belongs to an Active user, stores a hashed one-time token (one per e-mail,
/// as seeded) and mails the link; otherwise does nothing, and nobody can tell the difference from outside.
/// </summary>
internal sealed class MailPasswordReset(ModuleDbFactory<IdentityDb> dbs, IdentityMail mail, IEmailSender email, TimeProvider clock)
    : IdempotentConsumer<PasswordResetRequested, IdentityDb>(dbs)
{
    protected override long? TenantOf(PasswordResetRequested message) => null;

    /// <summary>The e-mail names the user, whichever company it is in.</summary>
    protected override bool CrossesTenants => true;

    protected override async Task HandleAsync(IdentityDb db, PasswordResetRequested message, CancellationToken ct)
    {
        var user = await db.Users.IgnoreQueryFilters().SingleOrDefaultAsync(u => u.Email == message.Email, ct);
        if (user is null || !user.IsActive)
            return;

        var token = OneTimeSecret.New();
        await db.PasswordResetTokens.Where(t => t.Email == user.Email).ExecuteDeleteAsync(ct);
        db.PasswordResetTokens.Add(new PasswordResetToken { Email = user.Email, Token = OneTimeSecret.Hash(token), CreatedAt = clock.GetUtcNow() });
        await db.SaveChangesAsync(ct);
        await email.SendAsync(mail.PasswordReset(user, token), ct);
    }
}
