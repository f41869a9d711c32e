using FluentValidation;

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

/// <summary>What narrows the agenda: the list (<c>GET /api/activities</c>) and its export take the same filters.</summary>
internal interface IActivityFilter
{
    string? Scope { get; }
    long? OwnerId { get; }
    long? DealId { get; }
    long? LeadId { get; }
    DateOnly? From { get; }
    DateOnly? To { get; }
}

internal static class ActivityFilters
{
    public static void Rules<T>(AbstractValidator<T> v) where T : IActivityFilter
    {
        v.RuleFor(r => r.Scope).Must(s => s is null || ActivityScopes.Known.Contains(s))
            .WithMessage("Must be one of overdue, today, upcoming, done, all.").OverridePropertyName("scope");
        v.RuleFor(r => r.To).Must((r, to) => to is null || r.From is null || to >= r.From)
            .WithMessage("Must not be before from.").OverridePropertyName("to");
    }

    /// <summary>
    /// The activities that meet the filter: overdue, today and upcoming are open ones due before, on and after
    /// <paramref name="today"/> (the company's); done, the completed ones; all (or none), every one.
    /// </summary>
    public static IQueryable<Activity> Matching(this IQueryable<Activity> activities, IActivityFilter filter, DateOnly today)
    {
        if (filter.OwnerId is { } ownerId)
            activities = activities.Where(a => a.UserId == ownerId);
        if (filter.DealId is { } dealId)
            activities = activities.Where(a => a.DealId == dealId);
        if (filter.LeadId is { } leadId)
            activities = activities.Where(a => a.LeadId == leadId);
        if (filter.From is { } from)
            activities = activities.Where(a => a.DueDate >= from);
        if (filter.To is { } to)
            activities = activities.Where(a => a.DueDate <= to);

        return (filter.Scope ?? ActivityScopes.All) switch
        {
            ActivityScopes.Overdue => activities.Where(a => a.DoneAt == null && a.DueDate < today),
            ActivityScopes.Today => activities.Where(a => a.DoneAt == null && a.DueDate == today),
            ActivityScopes.Upcoming => activities.Where(a => a.DoneAt == null && a.DueDate > today),
            ActivityScopes.Done => activities.Where(a => a.DoneAt != null),
            _ => activities,
        };
    }

    /// <summary>The list's order: open ones by when they are due (timed before all-day on a day), done ones newest first.</summary>
    public static IOrderedQueryable<Activity> InListOrder(this IQueryable<Activity> activities, string? scope) =>
        scope == ActivityScopes.Done
            ? activities.OrderByDescending(a => a.DoneAt).ThenByDescending(a => a.Id)
            : activities.OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id);
}
