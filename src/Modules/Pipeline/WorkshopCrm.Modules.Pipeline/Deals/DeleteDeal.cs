using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>Deletes a deal (a Salesperson: its own) with its notes.</summary>
internal sealed class DeleteDeal(PipelineDb db, Access access, TimeProvider clock) : Endpoint<DealIdRequest>
{
    public override void Configure()
    {
        Delete("/api/deals/{id}");
        Summary(s => s.Summary = "Delete a deal and its notes");
    }

    public override async Task HandleAsync(DealIdRequest req, CancellationToken ct)
    {
        var deal = await access.VisibleDeals().SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
        {
            await Send.ResultAsync(DealProblems.NotFound);
            return;
        }

        db.Deals.Remove(deal);
        db.Publish(new DealDeleted(deal.TenantId, deal.Id, deal.UserId, deal.PipelineStageId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
