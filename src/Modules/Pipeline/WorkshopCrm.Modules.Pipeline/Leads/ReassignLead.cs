using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A Business Owner hands a lead to another active member; the lead's deals keep their owners (seed note 4).</summary>
internal sealed class ReassignLead(PipelineDb db, Access access, Team team) : Endpoint<OwnerChangeRequest, Results<Ok<LeadDetail>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/leads/{id}/owner");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Reassign a lead (Business Owner)");
    }

    public override async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> ExecuteAsync(OwnerChangeRequest req, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
            return LeadProblems.NotFound;

        if (!await team.IsActiveMemberAsync(req.OwnerId, ct))
            return LeadProblems.OwnerInvalid;

        lead.UserId = req.OwnerId;
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await LeadDetails.LoadAsync(db, access, lead, ct));
    }
}
