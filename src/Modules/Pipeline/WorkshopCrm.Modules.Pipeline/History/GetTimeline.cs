using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.History;

internal sealed record TimelineRequest : IPaged
{
    public long Id { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class TimelineRequestValidator : Validator<TimelineRequest>
{
    public TimelineRequestValidator() => this.ValidPaging();
}

internal sealed record TimelinePerson(long Id, string Name);

internal sealed record TimelineStage(long Id, string Name);

/// <summary>What a <c>created</c> entry says the deal started as.</summary>
internal sealed record TimelineStart(TimelineStage Stage, decimal? Value, TimelinePerson? Owner, string? Title);

/// <summary>
/// One entry of a deal's timeline (API.md): <c>from</c>/<c>to</c> are stages ({id, name}) for stage_changed, people
/// ({id, name}) for owner_changed, numbers for value_changed and texts for title_changed; <c>created</c> says what the
/// deal started as in <c>to</c>, and <c>startOfHistory</c> when it existed before history was kept.
/// </summary>
internal sealed record TimelineEntry(
    long Id, DateTimeOffset At, string Kind, TimelinePerson? By, object? From, object? To, string? LossReason, long? NoteId, long? ActivityId,
    string? Subject, bool StartOfHistory);

/// <summary>A deal's history, newest first.</summary>
internal sealed class GetTimeline(PipelineDb db, Access access) : Endpoint<TimelineRequest, Results<Ok<PagedList<TimelineEntry>>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/deals/{id}/timeline");
        Summary(s => s.Summary = "A deal's history, newest first");
    }

    public override async Task<Results<Ok<PagedList<TimelineEntry>>, ProblemHttpResult>> ExecuteAsync(TimelineRequest req, CancellationToken ct)
    {
        if (!await access.VisibleDeals().AnyAsync(d => d.Id == req.Id, ct))
            return DealProblems.NotFound;

        var events = db.DealEvents.AsNoTracking().Where(e => e.DealId == req.Id);
        var rows = await events.OrderByDescending(e => e.At).ThenByDescending(e => e.Id).Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        var total = rows.Count < req.PageSize && (rows.Count > 0 || req.Page == 1) ? req.Skip() + rows.Count : await events.CountAsync(ct);
        var items = await TimelineEntries.DescribeAsync(db, rows, ct);
        return TypedResults.Ok(new PagedList<TimelineEntry>(items, req.Page, req.PageSize, total));
    }
}
