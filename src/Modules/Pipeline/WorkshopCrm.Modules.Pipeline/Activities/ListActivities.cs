using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Activities;

internal sealed record ListActivitiesRequest : IPaged, IActivityFilter
{
    public string? Scope { get; init; }
    public long? OwnerId { get; init; }
    public long? DealId { get; init; }
    public long? LeadId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListActivitiesValidator : Validator<ListActivitiesRequest>
{
    public ListActivitiesValidator()
    {
        this.ValidPaging();
        ActivityFilters.Rules(this);
    }
}

/// <summary>
/// The agenda: activities the caller can see by scope — overdue (open, due before the company's today), today (open,
/// due today), upcoming (open, due after today), done (newest first), all — narrowed by owner, deal, lead and due dates.
/// Open ones in due order (timed before all-day on a day), each walking one of the open-activity indexes and stopping at
/// the page; the total is counted up to <see cref="CountCap"/> ("1.000+"): a company's whole overdue list counted exactly
/// cost more than its page (13 ms of 17 in the bench, docs/performance.md), for a number nobody pages through.
/// </summary>
internal sealed class ListActivities(PipelineDb db, Access access, CompanyCalendar calendar)
    : Endpoint<ListActivitiesRequest, PagedList<ActivityView>>
{
    public const int CountCap = 1_000;

    public override void Configure()
    {
        Get("/api/activities");
        Summary(s => s.Summary = "Activities by scope (overdue, today, upcoming, done, all), owner, deal, lead and dates");
    }

    public override async Task HandleAsync(ListActivitiesRequest req, CancellationToken ct)
    {
        var now = calendar.Now();
        var today = now.Today;
        var activities = access.VisibleActivities().AsNoTracking().Matching(req, today);
        var rows = await ActivityRow.Of(db, activities.InListOrder(req.Scope).Skip(req.Skip()).Take(req.PageSize)).ToListAsync(ct);
        var items = rows.ConvertAll(r => r.ToView(now));
        const int cap = CountCap;
        // A page that is not full is the last: it tells the total without counting (an empty first page: none).
        var total = items.Count < req.PageSize && (items.Count > 0 || req.Page == 1)
            ? req.Skip() + items.Count
            : await activities.Take(cap + 1).CountAsync(ct);
        var capped = total > cap;
        await Send.OkAsync(new PagedList<ActivityView>(items, req.Page, req.PageSize, capped ? cap : total, capped), ct);
    }
}
