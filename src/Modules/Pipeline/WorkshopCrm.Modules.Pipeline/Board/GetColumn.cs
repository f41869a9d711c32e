using FastEndpoints;
using FluentValidation;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Board;

internal sealed record ColumnRequest
{
    public long StageId { get; init; }
    public string? Cursor { get; init; }
    public int Limit { get; init; } = 20;
    public long? OwnerId { get; init; }
    public string? Search { get; init; }
}

internal sealed class ColumnRequestValidator : Validator<ColumnRequest>
{
    public ColumnRequestValidator()
    {
        RuleFor(r => r.StageId).Must(PipelineStage.Exists).WithMessage("No such stage.");
        RuleFor(r => r.Limit).InclusiveBetween(1, 100).WithMessage("Must be between 1 and 100.");
        RuleFor(r => r.Cursor).Must(c => c is null || ColumnCursor.Decode(c) is not null).WithMessage("Not a cursor this API gave.");
        RuleFor(r => r.Search).OptionalLine(255);
    }
}

internal sealed record ColumnPage(IReadOnlyList<DealCard> Deals, string? NextCursor);

/// <summary>"Load more" in one column: the cards after the cursor.</summary>
internal sealed class GetColumn(BoardQuery query, ICurrentUser caller, TimeProvider clock, Activities.CompanyCalendar calendar) : Endpoint<ColumnRequest, ColumnPage>
{
    public override void Configure()
    {
        Get("/api/pipeline/board/columns/{stageId}");
        Summary(s => s.Summary = "The next cards of one column (keyset cursor)");
    }

    public override async Task HandleAsync(ColumnRequest req, CancellationToken ct)
    {
        var filter = BoardFilters.For(caller, req.OwnerId, req.Search);
        var rows = await query.ColumnAsync(filter, req.StageId, ColumnCursor.Decode(req.Cursor), req.Limit, ct);
        var now = clock.GetUtcNow();
        await Send.OkAsync(new ColumnPage(rows.Take(req.Limit).Select(c => c.ToCard(now, calendar)).ToList(), BoardFilters.NextCursor(rows, req.Limit)), ct);
    }
}
