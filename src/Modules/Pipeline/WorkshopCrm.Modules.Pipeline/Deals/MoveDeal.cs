using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>
/// Where the card goes: <c>stageId</c>, and in that column before <c>beforeDealId</c> (the card that will follow
/// it) and/or after <c>afterDealId</c> (the card that will precede it); neither: the end of the column.
/// </summary>
internal sealed record MoveDealRequest(long Id, long StageId, long? BeforeDealId, long? AfterDealId, string? LossReason);

internal sealed class MoveDealValidator : Validator<MoveDealRequest>
{
    public MoveDealValidator()
    {
        RuleFor(r => r.StageId).Must(PipelineStage.Exists).WithMessage("No such stage.");
        DealFields.LossReason(this, r => r.StageId, r => r.LossReason);
        RuleFor(r => r.BeforeDealId).NotEqual(r => (long?)r.Id).WithMessage("A card cannot be placed next to itself.");
        RuleFor(r => r.AfterDealId).NotEqual(r => (long?)r.Id).WithMessage("A card cannot be placed next to itself.");
    }
}

/// <summary>
/// Drag and drop on the board: to another column and/or another place in a column. Into Lost only with a reason; out of
/// Lost clears it. One round trip (<see cref="DealMoves"/>), and a renumbering of the column first when the neighbours
/// have no room left between them.
/// </summary>
internal sealed class MoveDeal(PipelineDb db, Access access, DealMoves moves, ColumnOrdering ordering, TimeProvider clock, Activities.CompanyCalendar calendar)
    : Endpoint<MoveDealRequest, Results<Ok<DealCard>, ProblemHttpResult>>
{
    private const string NotInColumn = "That card is not in the target column.";

    public override void Configure()
    {
        Post("/api/deals/{id}/move");
        Summary(s => s.Summary = "Move a deal on the board");
    }

    public override async Task<Results<Ok<DealCard>, ProblemHttpResult>> ExecuteAsync(MoveDealRequest req, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId!.Value;
        var move = new DealMove(tenantId, req.Id, req.StageId, req.AfterDealId, req.BeforeDealId,
            req.StageId == PipelineStage.Lost ? req.LossReason!.Trim() : null,
            OnlyOwnerId: access.IsOwner ? null : access.UserId, db.ActingUserId, clock.GetUtcNow());
        for (var attempt = 0; ; attempt++)
        {
            var (outcome, card) = await moves.MoveAsync(move, ct);
            switch (outcome)
            {
                case MoveOutcome.Moved:
                    return TypedResults.Ok(card!.ToCard(move.At, calendar));
                case MoveOutcome.DealMissing:
                    return DealProblems.NotFound;
                case MoveOutcome.AfterMissing:
                    return Problems.Field("afterDealId", NotInColumn, "deal.position_invalid");
                case MoveOutcome.BeforeMissing:
                    return Problems.Field("beforeDealId", NotInColumn, "deal.position_invalid");
                case MoveOutcome.ColumnFull when attempt == 0:
                    // no room between the neighbours: spread the column out (its own transaction), then move again
                    await ordering.RenumberAsync(tenantId, req.StageId, ct);
                    continue;
                default:
                    return Problems.Conflict("deal.column_busy", "Many cards were just dropped at this spot; try the move again.");
            }
        }
    }
}
