using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>A card on the board (API.md).</summary>
internal sealed record DealCard(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, int DaysInStage, string? LossReason);

/// <summary>A card as the database has it: days in stage are counted once the row is here, against the caller's clock.</summary>
internal sealed record CardRow(
    long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder,
    DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt, string? LossReason)
{
    public DealCard ToCard(DateTimeOffset now) =>
        new(Id, Title, Value, LeadId, LeadName, OwnerId, OwnerName, StageId, SortOrder, UpdatedAt, DaysSince(StageEnteredAt, now), LossReason);

    /// <summary>Whole days from <paramref name="since"/> to <paramref name="now"/>, never negative (a clock a little behind).</summary>
    public static int DaysSince(DateTimeOffset since, DateTimeOffset now) => Math.Max(0, (int)(now - since).TotalDays);

    /// <summary>The card of each of <paramref name="deals"/>, in one query.</summary>
    public static IQueryable<CardRow> Of(PipelineDb db, IQueryable<Deal> deals) =>
        from d in deals
        join l in db.Leads on d.LeadId equals l.Id
        join m in db.Members on d.UserId equals m.UserId
        select new CardRow(d.Id, d.Title, d.Value, l.Id, l.Name, m.UserId, m.Name, d.PipelineStageId, d.SortOrder, d.UpdatedAt, d.StageEnteredAt, d.LossReason);
}
