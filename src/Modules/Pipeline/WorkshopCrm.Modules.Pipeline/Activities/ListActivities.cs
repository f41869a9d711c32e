using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>Which activities a list shows, by the company's calendar.</summary>
internal static class ActivityScopes
{
    public const string Overdue = "overdue";
    public const string Today = "today";
    public const string Upcoming = "upcoming";
    public const string Done = "done";
    public const string All = "all";

    public static readonly string[] Known = [Overdue, Today, Upcoming, Done, All];
}

internal sealed record ListActivitiesRequest : IPaged
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
        RuleFor(r => r.Scope).Must(s => s is null || ActivityScopes.Known.Contains(s))
            .WithMessage("Must be one of overdue, today, upcoming, done, all.");
        RuleFor(r => r.To).Must((r, to) => to is null || r.From is null || to >= r.From).WithMessage("Must not be before from.");
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
        var activities = access.VisibleActivities().AsNoTracking();
        if (req.OwnerId is { } ownerId)
            activities = activities.Where(a => a.UserId == ownerId);
        if (req.DealId is { } dealId)
            activities = activities.Where(a => a.DealId == dealId);
        if (req.LeadId is { } leadId)
            activities = activities.Where(a => a.LeadId == leadId);
        if (req.From is { } from)
            activities = activities.Where(a => a.DueDate >= from);
        if (req.To is { } to)
            activities = activities.Where(a => a.DueDate <= to);

        var scope = req.Scope ?? ActivityScopes.All;
        activities = scope switch
        {
            ActivityScopes.Overdue => activities.Where(a => a.DoneAt == null && a.DueDate < today),
            ActivityScopes.Today => activities.Where(a => a.DoneAt == null && a.DueDate == today),
            ActivityScopes.Upcoming => activities.Where(a => a.DoneAt == null && a.DueDate > today),
            ActivityScopes.Done => activities.Where(a => a.DoneAt != null),
            _ => activities,
        };
        var ordered = scope == ActivityScopes.Done
            ? activities.OrderByDescending(a => a.DoneAt).ThenByDescending(a => a.Id)
            : activities.OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id);

        var rows = await ActivityRow.Of(db, ordered.Skip(req.Skip()).Take(req.PageSize)).ToListAsync(ct);
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
