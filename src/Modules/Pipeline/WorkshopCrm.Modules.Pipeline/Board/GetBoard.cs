using FastEndpoints;
using FluentValidation;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Board;

internal sealed record BoardRequest
{
    public long? OwnerId { get; init; }
    public string? Search { get; init; }
    public int PerColumn { get; init; } = 20;
}

internal sealed class BoardRequestValidator : Validator<BoardRequest>
{
    public BoardRequestValidator()
    {
        RuleFor(r => r.PerColumn).InclusiveBetween(1, 100).WithMessage("Must be between 1 and 100.");
        RuleFor(r => r.Search).OptionalLine(255);
    }
}

internal sealed record BoardColumn(StageView Stage, int TotalCount, decimal TotalValue, IReadOnlyList<DealCard> Deals, string? NextCursor);

internal sealed record BoardView(IReadOnlyList<BoardColumn> Columns);

/// <summary>
/// The Kanban board: each column's first cards with the column's count and BRL total over all its deals, filtered by
/// owner and search. A Salesperson sees its own deals only.
/// </summary>
internal sealed class GetBoard(BoardQuery query, ICurrentUser caller, TimeProvider clock, Activities.CompanyCalendar calendar) : Endpoint<BoardRequest, BoardView>
{
    public override void Configure()
    {
        Get("/api/pipeline/board");
        Summary(s => s.Summary = "The board: first cards of every column, with counts and totals");
    }

    public override async Task HandleAsync(BoardRequest req, CancellationToken ct)
    {
        var filter = BoardFilters.For(caller, req.OwnerId, req.Search);
        var (rows, totals) = await query.BoardAsync(filter, req.PerColumn, ct);
        var now = clock.GetUtcNow();
        var byStage = rows.ToLookup(r => r.StageId);
        var columns = PipelineStage.Seeded.Select(stage =>
        {
            var cards = byStage[stage.Id].ToList();
            var total = totals.FirstOrDefault(t => t.StageId == stage.Id);
            return new BoardColumn(
                new StageView(stage.Id, stage.Name, stage.SortOrder, stage.IsTerminal),
                total?.Count ?? 0,
                total?.Value ?? 0m,
                cards.Take(req.PerColumn).Select(c => c.ToCard(now, calendar)).ToList(),
                BoardFilters.NextCursor(cards, req.PerColumn));
        }).ToList();
        await Send.OkAsync(new BoardView(columns), ct);
    }
}
