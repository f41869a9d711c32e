using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
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
internal sealed class AcceptInvitation(ModuleDbFactory<InvitationsDb> dbs, IdentityQuestions identity, TimeProvider clock) : Endpoint<AcceptInvitationRequest, Results<Created<TokensResponse>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/invitations/by-token/{token}/accept");
        AllowAnonymous();
        Group<SignInRoutes>();
        Description(x => x.Produces<TokensResponse>(StatusCodes.Status201Created, "application/json").Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status410Gone));
        Summary(s => s.Summary = "Accept an invitation: create the account and sign in");
    }

    public override async Task<Results<Created<TokensResponse>, ProblemHttpResult>> ExecuteAsync(AcceptInvitationRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await ByToken.FindAsync(db, req.Token, ct, forUpdate: true);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
            return refusal;

        var answer = await identity.CreateUserAsync(new CreateInvitedUserRequest(invitation!.TenantId, invitation.Email,
            req.Name, req.Password, Locales.FromAcceptLanguage(HttpContext.Request.Headers.AcceptLanguage)), ct);
        if (answer.SignedIn is not { } signedIn)
        {
            var status = answer.FailureCode == "invitation.email_is_user" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            return answer.FailureField is { } field
                ? Problems.Field(field, answer.FailureMessage!, answer.FailureCode!, status)
                : Problems.Of(status, answer.FailureCode!, answer.FailureMessage!);
        }

        invitation.InvitationStatusId = InvitationStatus.Accepted;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.PersistentUntil);
        return TypedResults.Created((string?)null, signedIn.Body);
    }
}
