using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>The deal's earliest open activity, as its card shows it (issue 16).</summary>
internal sealed record NextActivity(long Id, long TypeId, DateOnly DueDate, string? DueTime, bool Overdue);

/// <summary>
/// A card on the board (API.md); <c>nextActivity</c> is null when nothing is scheduled; <c>awaitingReplySince</c> is when
/// the lead's unanswered WhatsApp message came in, or null.
/// </summary>
internal sealed record DealCard(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, int DaysInStage, string? LossReason, NextActivity? NextActivity, DateTimeOffset? AwaitingReplySince);

/// <summary>The next activity as the database has it; overdue is decided on the company's clock once read.</summary>
internal sealed record NextActivityRow(long Id, long TypeId, DateOnly DueDate, TimeOnly? DueTime)
{
    public NextActivity ToView(CompanyMoment now) => new(Id, TypeId, DueDate, ActivityRow.TimeText(DueTime), now.IsOverdue(DueDate, DueTime));
}

/// <summary>A card as the database has it: days in stage are counted once the row is here, against the caller's clock.</summary>
internal sealed record CardRow(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt, string? LossReason, NextActivityRow? Next, DateTimeOffset? AwaitingReplySince)
{
    public DealCard ToCard(DateTimeOffset now, CompanyCalendar calendar) =>
        new(Id, Title, Value, LeadId, LeadName, OwnerId, OwnerName, StageId, SortOrder, UpdatedAt, DaysSince(StageEnteredAt, now), LossReason,
            Next?.ToView(calendar.At(now)), AwaitingReplySince);

    /// <summary>Whole days from <paramref name="since"/> to <paramref name="now"/>, never negative (a clock a little behind).</summary>
    public static int DaysSince(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (int)(now - since).TotalDays);
}
