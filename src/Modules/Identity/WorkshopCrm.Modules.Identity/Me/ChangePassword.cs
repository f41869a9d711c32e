using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Me;

internal sealed record ChangePasswordRequest(string CurrentPassword, string NewPassword);

internal sealed class ChangePasswordValidator : Validator<ChangePasswordRequest>
{
    public ChangePasswordValidator()
    {
        RuleFor(r => r.CurrentPassword).NotEmpty().WithMessage("Required.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(r => r.NewPassword).AcceptablePassword();
    }
}

/// <summary>Changes one's own password (the current one is required) and signs out every other browser.</summary>
internal sealed class ChangePassword(IdentityDb db, ICurrentUser caller, Credentials credentials, SessionRevocation revocation)
    : Endpoint<ChangePasswordRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/me/password");
        Summary(s => s.Summary = "Change my password; other sessions are signed out");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(ChangePasswordRequest req, CancellationToken ct)
    {
        var user = await db.Users.SingleAsync(u => u.Id == caller.UserId, ct);
        if (credentials.Verify(user, req.CurrentPassword) == PasswordVerificationResult.Failed)
            return Problems.Field("currentPassword", "The current password is not right.", "identity.wrong_password");

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        user.Password = credentials.Hash(user, req.NewPassword);
        await revocation.EndAllOfUserAsync(db, user.Id, keep: caller.SessionId, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
