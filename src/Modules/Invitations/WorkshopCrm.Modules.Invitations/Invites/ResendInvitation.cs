using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>Sends a Pending (or Expired) invitation again: a new link and expiry; the old link stops working.</summary>
internal sealed class ResendInvitation(InvitationsDb db, IdentityQuestions identity, InvitationLinks links, ICurrentUser caller, TimeProvider clock) : Endpoint<InvitationIdRequest, Results<Ok<InvitationView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/invitations/{id}/resend");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Resend an invitation with a new link (Business Owner)");
    }

    public override async Task<Results<Ok<InvitationView>, ProblemHttpResult>> ExecuteAsync(InvitationIdRequest req, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == req.Id, ct);
        if (invitation is null)
            return InvitationProblems.NotFound;

        var now = clock.GetUtcNow();
        if (invitation.EffectiveStatus(now) is not (InvitationStatus.Pending or InvitationStatus.Expired))
            return Problems.Conflict("invitation.not_pending", $"This invitation is {InvitationStatus.NameOf(invitation.InvitationStatusId)}; invite again instead.");

        var check = await identity.CheckAsync(caller.TenantId, caller.UserId, invitation.Email, ct);
        var token = links.Issue(db, invitation, check);
        await db.SaveChangesAsync(ct);
        var names = await identity.NamesAsync(caller.TenantId, [invitation.InvitedByUserId], ct);
        return TypedResults.Ok(InvitationView.Of(invitation, names, now, links.LinkFor(token)));
    }
}
