using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>The deal panel, with the days the deal spent in each stage.</summary>
internal sealed class GetDeal(PipelineDb db, Access access, TimeProvider clock) : Endpoint<DealIdRequest, DealView>
{
    public override void Configure()
    {
        Get("/api/deals/{id}");
        Summary(s => s.Summary = "A deal with its lead, owner and stage");
    }

    public override async Task HandleAsync(DealIdRequest req, CancellationToken ct)
    {
        var view = await DealView.Of(db, access.VisibleDeals().AsNoTracking().Where(d => d.Id == req.Id)).SingleOrDefaultAsync(ct);
        if (view is null)
        {
            await Send.ResultAsync(DealProblems.NotFound);
            return;
        }

        await Send.OkAsync(view with { StageDurations = await History.StageDurations.OfAsync(db, view.Id, clock.GetUtcNow(), ct) }, ct);
    }
}
