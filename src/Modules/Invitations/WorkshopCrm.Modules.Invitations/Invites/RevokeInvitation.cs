using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>Withdraws a Pending invitation: its link stops working.</summary>
internal sealed class RevokeInvitation(InvitationsDb db, TimeProvider clock) : Endpoint<InvitationIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/invitations/{id}/revoke");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Revoke a pending invitation (Business Owner)");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(InvitationIdRequest req, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == req.Id, ct);
        if (invitation is null)
            return InvitationProblems.NotFound;

        if (invitation.EffectiveStatus(clock.GetUtcNow()) != InvitationStatus.Pending)
            return Problems.Conflict("invitation.not_pending", "Only a pending invitation can be revoked.");

        invitation.InvitationStatusId = InvitationStatus.Revoked;
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
