using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

internal sealed record DealLead(long Id, string Name, string Email, string? Phone);

internal sealed record DealOwner(long Id, string Name);

internal sealed record DealStage(long Id, string Name);

/// <summary>The deal panel (API.md): <c>version</c> goes back with edits.</summary>
internal sealed record DealView(
    long Id, string Title, decimal Value, DealLead Lead, DealOwner Owner, DealStage Stage, string? LossReason, int SortOrder, uint Version,
    DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt)
{
    /// <summary>Days spent in each stage, from the deal's history (GET /api/deals/{id} only; null elsewhere).</summary>
    public IReadOnlyList<History.StageDuration>? StageDurations { get; init; }

    /// <summary>The deal panel of each of <paramref name="deals"/>, in one query.</summary>
    public static IQueryable<DealView> Of(PipelineDb db, IQueryable<Deal> deals) =>
        from d in deals
        join l in db.Leads on d.LeadId equals l.Id
        join m in db.Members on d.UserId equals m.UserId
        join s in db.Stages on d.PipelineStageId equals s.Id
        select new DealView(d.Id, d.Title, d.Value, new DealLead(l.Id, l.Name, l.Email, l.Phone), new DealOwner(m.UserId, m.Name),
            new DealStage(s.Id, s.Name), d.LossReason, d.SortOrder, d.Version, d.CreatedAt, d.UpdatedAt, d.StageEnteredAt);
}
