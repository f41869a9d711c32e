using FastEndpoints;
using Microsoft.AspNetCore.Http;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Auth;

internal sealed record ForgotPasswordRequest(string Email) : INamesAnAccount;

internal sealed class ForgotPasswordValidator : Validator<ForgotPasswordRequest>
{
    public ForgotPasswordValidator() => RuleFor(r => r.Email).RequiredEmail();
}

/// <summary>
/// "Forgot my password": always 202 after the same work — one outbox row — whether or not the account exists, so
/// neither the answer nor its timing tells who has an account. The consumer e-mails the link when one does.
/// </summary>
internal sealed class ForgotPassword(IdentityDb db, TimeProvider clock) : Endpoint<ForgotPasswordRequest>
{
    public override void Configure()
    {
        Post("/api/auth/forgot-password");
        AllowAnonymous();
        Group<SignInRoutes>();
        PreProcessor<SpendsAccountAllowance<ForgotPasswordRequest>>();
        Summary(s => s.Summary = "E-mail a password reset link (if the account exists)");
    }

    public override async Task HandleAsync(ForgotPasswordRequest req, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(req.Email);

        db.Publish(new PasswordResetRequested(email, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await Send.StatusCodeAsync(StatusCodes.Status202Accepted, ct);
    }
}
