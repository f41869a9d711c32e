using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record AcceptInvitationRequest(string Token, string Name, string Password);

internal sealed class AcceptInvitationValidator : Validator<AcceptInvitationRequest>
{
    public AcceptInvitationValidator()
    {
        RuleFor(r => r.Name).RequiredLine(255);
        RuleFor(r => r.Password).NotEmpty().WithMessage("Required.").MaximumLength(128).WithMessage("At most 128 characters.");
    }
}

/// <summary>
/// Accepting: Identity creates the Salesperson (Active, e-mail verified) and signs it in; the invitation becomes
/// Accepted. The invitation row stays locked meanwhile, so two accepts of one link make one user; the other gets 409.
/// </summary>
internal sealed class AcceptInvitation(ModuleDbFactory<InvitationsDb> dbs, IdentityQuestions identity, TimeProvider clock) : Endpoint<AcceptInvitationRequest>
{
    public override void Configure()
    {
        Post("/api/invitations/by-token/{token}/accept");
        AllowAnonymous();
        Options(x => x.RequireRateLimiting("identity.auth-per-ip"));
        Description(x => x.Produces(StatusCodes.Status201Created).Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status410Gone));
        Summary(s => s.Summary = "Accept an invitation: create the account and sign in");
    }

    public override async Task HandleAsync(AcceptInvitationRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await ByToken.FindAsync(db, req.Token, ct, forUpdate: true);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
        {
            await Send.ResultAsync(refusal);
            return;
        }

        var answer = await identity.CreateUserAsync(new CreateInvitedUserRequest(invitation!.TenantId, invitation.Id, invitation.Email,
            req.Name, req.Password, Locale()), ct);
        if (answer.SignedIn is not { } signedIn)
        {
            var status = answer.FailureCode == "invitation.email_is_user" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await Send.ResultAsync(answer.FailureField is { } field
                ? Problems.Field(field, answer.FailureMessage!, answer.FailureCode!, status)
                : Problems.Of(status, answer.FailureCode!, answer.FailureMessage!));
            return;
        }

        invitation.InvitationStatusId = InvitationStatus.Accepted;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.PersistentUntil);
        var user = signedIn.User;
        await Send.ResponseAsync(new
        {
            accessToken = signedIn.AccessToken,
            expiresIn = signedIn.ExpiresIn,
            user = new { id = user.Id, name = user.Name, email = user.Email, emailVerified = user.EmailVerified, role = user.Role, status = user.Status,
                tenant = new { id = user.TenantId, name = user.TenantName } },
        }, StatusCodes.Status201Created, ct);
    }

    private string Locale() =>
        HttpContext.Request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "pt-BR";
}
