using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>
/// A Business Owner deletes a lead; its deals and their notes go with it (open boards are told), and the company's audit
/// log records who did it.
/// </summary>
internal sealed class DeleteLead(PipelineDb db, ICurrentUser caller, TimeProvider clock) : Endpoint<LeadIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/leads/{id}");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Delete a lead with its deals and notes (Business Owner)");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(LeadIdRequest req, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
            return LeadProblems.NotFound;

        var now = clock.GetUtcNow();
        var deals = await db.Deals.Where(d => d.LeadId == lead.Id).Select(d => new { d.Id, d.UserId, d.PipelineStageId }).ToListAsync(ct);
        foreach (var deal in deals)
            db.TellOnCommit(BoardEvent.DealDeleted(lead.TenantId, deal.Id, deal.UserId, deal.PipelineStageId));
        db.Publish(LeadAudit.Of(AuditActions.LeadDeleted, lead.Id, caller, HttpContext, now));
        db.Leads.Remove(lead); // deals and notes cascade in the database
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
