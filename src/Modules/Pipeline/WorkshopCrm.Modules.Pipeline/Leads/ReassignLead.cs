using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A Business Owner hands a lead to another active member; the lead's deals keep their owners (seed note 4).</summary>
internal sealed class ReassignLead(PipelineDb db, Access access, Team team) : Endpoint<OwnerChangeRequest, LeadDetail>
{
    public override void Configure()
    {
        Put("/api/leads/{id}/owner");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Reassign a lead (Business Owner)");
    }

    public override async Task HandleAsync(OwnerChangeRequest req, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
        {
            await Send.ResultAsync(LeadProblems.NotFound);
            return;
        }

        if (!await team.IsActiveMemberAsync(req.OwnerId, ct))
        {
            await Send.ResultAsync(LeadProblems.OwnerInvalid);
            return;
        }

        lead.UserId = req.OwnerId;
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(await LeadDetails.LoadAsync(db, access, lead, ct), ct);
    }
}
