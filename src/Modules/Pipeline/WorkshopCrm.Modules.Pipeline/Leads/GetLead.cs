using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>One lead with the deals on it the caller can see.</summary>
internal sealed class GetLead(PipelineDb db, Access access) : Endpoint<LeadIdRequest, Results<Ok<LeadDetail>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/leads/{id}");
        Summary(s => s.Summary = "A lead and its deals");
    }

    public override async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> ExecuteAsync(LeadIdRequest req, CancellationToken ct)
    {
        var lead = await access.VisibleLeads().AsNoTracking().SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
            return LeadProblems.NotFound;

        return TypedResults.Ok(await LeadDetails.LoadAsync(db, access, lead, ct));
    }
}
