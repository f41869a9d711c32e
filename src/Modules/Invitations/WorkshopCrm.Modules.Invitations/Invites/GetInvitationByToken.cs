using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record TokenRequest(string Token);

internal sealed record InvitationPreview(string Email, string CompanyName, DateTimeOffset ExpiresAt);

/// <summary>The invitation page: who is invited to which company — or why the link no longer works.</summary>
internal sealed class GetInvitationByToken(ModuleDbFactory<InvitationsDb> dbs, IdentityQuestions identity, TimeProvider clock) : Endpoint<TokenRequest, InvitationPreview>
{
    public override void Configure()
    {
        Get("/api/invitations/by-token/{token}");
        AllowAnonymous();
        Group<SignInRoutes>();
        Summary(s => s.Summary = "Look at an invitation by its link's token");
    }

    public override async Task HandleAsync(TokenRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        var invitation = await ByToken.FindAsync(db, req.Token, ct);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
        {
            await Send.ResultAsync(refusal);
            return;
        }

        var company = await identity.CompanyNameAsync(invitation!.TenantId, ct);
        await Send.OkAsync(new InvitationPreview(invitation.Email, company ?? "", invitation.ExpiresAt), ct);
    }
}
