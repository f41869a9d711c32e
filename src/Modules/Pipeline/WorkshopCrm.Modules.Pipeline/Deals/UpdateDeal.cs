using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Deals;

internal sealed record UpdateDealRequest(long Id, string Title, decimal Value, uint Version);

internal sealed class UpdateDealValidator : Validator<UpdateDealRequest>
{
    public UpdateDealValidator()
    {
        DealFields.Title(this, r => r.Title);
        DealFields.Value(this, r => r.Value);
        RuleFor(r => r.Version).GreaterThan(0u).WithMessage("Required: the version you edited.");
    }
}

/// <summary>Edits title and value. The version read with the deal must still be current, or someone else's edit would be lost: 409.</summary>
internal sealed class UpdateDeal(PipelineDb db, Access access) : Endpoint<UpdateDealRequest, Results<Ok<DealView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/deals/{id}");
        Description(x => x.Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Edit a deal's title and value (optimistic concurrency on version)");
    }

    public override async Task<Results<Ok<DealView>, ProblemHttpResult>> ExecuteAsync(UpdateDealRequest req, CancellationToken ct)
    {
        var deal = await access.VisibleDeals().SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
            return DealProblems.NotFound;

        if (deal.Version != req.Version)
            return Stale;

        (deal.Title, deal.Value) = (req.Title.Trim(), req.Value);
        db.TellOnCommit(BoardEvent.DealUpdated(deal.TenantId, deal.Id, deal.UserId, null, deal.PipelineStageId));
        try
        {
            await db.SaveChangesAsync(ct); // WHERE xmin = version: a change since it was read fails here
        }
        catch (DbUpdateConcurrencyException)
        {
            return Stale;
        }

        return TypedResults.Ok(await DealView.Of(db, db.Deals.AsNoTracking().Where(d => d.Id == deal.Id)).SingleAsync(ct));
    }

    private static ProblemHttpResult Stale => Problems.Conflict("deal.version_conflict",
        "Someone changed this deal after you opened it.", "Reload the deal to see the current values, then apply your change again.");
}
