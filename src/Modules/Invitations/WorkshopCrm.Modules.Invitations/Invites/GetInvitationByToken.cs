using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record TokenRequest(string Token);

internal sealed record InvitationPreview(string Email, string CompanyName, DateTimeOffset ExpiresAt);

/// <summary>The invitation page: who is invited to which company — or why the link no longer works.</summary>
internal sealed class GetInvitationByToken(ModuleDbFactory<InvitationsDb> dbs, IdentityQuestions identity, TimeProvider clock) : Endpoint<TokenRequest, Results<Ok<InvitationPreview>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/invitations/by-token/{token}");
        AllowAnonymous();
        Group<SignInRoutes>();
        Summary(s => s.Summary = "Look at an invitation by its link's token");
    }

    public override async Task<Results<Ok<InvitationPreview>, ProblemHttpResult>> ExecuteAsync(TokenRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        var invitation = await ByToken.FindAsync(db, req.Token, ct);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
            return refusal;

        var company = await identity.CompanyNameAsync(invitation!.TenantId, ct);
        return TypedResults.Ok(new InvitationPreview(invitation.Email, company ?? "", invitation.ExpiresAt));
    }
}
