using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>The deal panel.</summary>
internal sealed class GetDeal(PipelineDb db, Access access) : Endpoint<DealIdRequest, DealView>
{
    public override void Configure()
    {
        Get("/api/deals/{id}");
        Summary(s => s.Summary = "A deal with its lead, owner and stage");
    }

    public override async Task HandleAsync(DealIdRequest req, CancellationToken ct)
    {
        var view = await DealView.Of(db, access.VisibleDeals().AsNoTracking().Where(d => d.Id == req.Id)).SingleOrDefaultAsync(ct);
        await (view is null ? Send.ResultAsync(DealProblems.NotFound) : Send.OkAsync(view, ct));
    }
}
