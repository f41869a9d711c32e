using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>Deletes a deal (a Salesperson: its own) with its notes.</summary>
internal sealed class DeleteDeal(PipelineDb db, Access access) : Endpoint<DealIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/deals/{id}");
        Summary(s => s.Summary = "Delete a deal and its notes");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(DealIdRequest req, CancellationToken ct)
    {
        var deal = await access.VisibleDeals().SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
            return DealProblems.NotFound;

        db.Deals.Remove(deal);
        db.TellOnCommit(BoardEvent.DealDeleted(deal.TenantId, deal.Id, deal.UserId, deal.PipelineStageId));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
