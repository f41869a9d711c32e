using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Activities;

internal sealed record ActivityTypeView(long Id, string Name);

internal sealed record ActivityPerson(long Id, string Name);

internal sealed record ActivityDeal(long Id, string Title);

/// <summary>The activity's lead; <c>awaitingReplySince</c>: its unanswered WhatsApp message came in then (issue 18).</summary>
internal sealed record ActivityLead(long Id, string Name, string? Phone, DateTimeOffset? AwaitingReplySince = null);

/// <summary>An activity as the API shows it (API.md "Activities"); <c>dueTime</c> is "HH:mm" company time, or null for all day.</summary>
internal sealed record ActivityView(
    long Id, ActivityTypeView Type, string Subject, string? Notes, DateOnly DueDate, string? DueTime, int? DurationMinutes,
    bool Done, DateTimeOffset? DoneAt, ActivityPerson? DoneBy, string? Outcome, bool Overdue,
    ActivityDeal? Deal, ActivityLead Lead, ActivityPerson Owner, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

/// <summary>An activity as the database has it; whether it is overdue is decided on the company's clock once read.</summary>
internal sealed record ActivityRow(
    long Id, long TypeId, string Subject, string? Notes, DateOnly DueDate, TimeOnly? DueTime, int? DurationMinutes,
    DateTimeOffset? DoneAt, long? DoneById, string? DoneByName, string? Outcome, long? DealId, string? DealTitle,
    long LeadId, string LeadName, string? LeadPhone, long OwnerId, string OwnerName, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt,
    DateTimeOffset? AwaitingReplySince = null)
{
    public ActivityView ToView(CompanyMoment now) => new(
        Id, new ActivityTypeView(TypeId, ActivityType.NameOf(TypeId)), Subject, Notes, DueDate, TimeText(DueTime), DurationMinutes,
        DoneAt is not null, DoneAt, DoneById is { } by ? new ActivityPerson(by, DoneByName ?? "") : null, Outcome,
        DoneAt is null && now.IsOverdue(DueDate, DueTime),
        DealId is { } deal ? new ActivityDeal(deal, DealTitle ?? "") : null, new ActivityLead(LeadId, LeadName, LeadPhone, AwaitingReplySince),
        new ActivityPerson(OwnerId, OwnerName), CreatedAt, UpdatedAt);

    public static string? TimeText(TimeOnly? time) => time?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>The row of each of <paramref name="activities"/>, in one query (names looked up for the page's rows only).</summary>
    public static IQueryable<ActivityRow> Of(PipelineDb db, IQueryable<Activity> activities) =>
        NamedActivity.Of(db, activities).Select(FromNamed);

    /// <summary>A row from an activity and its names: in SQL for a list (only the columns a row shows), in memory after a write.</summary>
    public static readonly Expression<Func<NamedActivity, ActivityRow>> FromNamed = n => new ActivityRow(
        n.Activity.Id, n.Activity.ActivityTypeId, n.Activity.Subject, n.Activity.Notes, n.Activity.DueDate, n.Activity.DueTime,
        n.Activity.DurationMinutes, n.Activity.DoneAt, n.Activity.DoneBy, n.DoneByName, n.Activity.Outcome, n.Activity.DealId,
        n.DealTitle, n.Activity.LeadId, n.LeadName, n.LeadPhone, n.Activity.UserId, n.OwnerName, n.Activity.CreatedAt,
        n.Activity.UpdatedAt, n.AwaitingReplySince);
}

/// <summary>
/// An activity with the names its row shows, read in one query. A write reads it so (tracked, when the query tracks)
/// and answers from it once saved, without reading the activity a second time.
/// </summary>
internal sealed class NamedActivity
{
    public required Activity Activity { get; init; }
    public string? DoneByName { get; init; }
    public string? DealTitle { get; init; }
    public long? DealOwnerId { get; init; }
    public required string LeadName { get; init; }
    public string? LeadPhone { get; init; }
    public required string OwnerName { get; init; }
    public DateTimeOffset? AwaitingReplySince { get; init; }

    public static IQueryable<NamedActivity> Of(PipelineDb db, IQueryable<Activity> activities) =>
        from a in activities
        select new NamedActivity
        {
            Activity = a,
            DoneByName = db.Members.Where(m => m.UserId == a.DoneBy).Select(m => m.Name).FirstOrDefault(),
            DealTitle = a.Deal!.Title,
            DealOwnerId = (long?)a.Deal.UserId,
            LeadName = a.Lead!.Name,
            LeadPhone = a.Lead.Phone,
            OwnerName = db.Members.Where(m => m.UserId == a.UserId).Select(m => m.Name).First(),
            AwaitingReplySince = db.WhatsAppConversations
                .Where(w => w.Phone == EF.Property<string?>(a.Lead!, Conversations.LeadPhone.Column) && (w.LastOutAt == null || w.LastInAt > w.LastOutAt))
                .Select(w => w.LastInAt).FirstOrDefault(),
        };

    /// <summary>
    /// The row as the activity now is (after a change too), with <paramref name="doneByName"/> for who completed it.
    /// Instants as the database keeps them (whole microseconds), so an answer equals what a read returns later.
    /// </summary>
    public ActivityRow ToRow(string? doneByName) => RowOf(this) with
    {
        DoneByName = doneByName,
        DoneAt = Stored(Activity.DoneAt),
        CreatedAt = Stored(Activity.CreatedAt),
        UpdatedAt = Stored(Activity.UpdatedAt),
    };

    private static readonly Func<NamedActivity, ActivityRow> RowOf = ActivityRow.FromNamed.Compile();

    private static DateTimeOffset? Stored(DateTimeOffset? instant) =>
        instant is { } t ? t.AddTicks(-(t.Ticks % TimeSpan.TicksPerMicrosecond)) : null;
}
