using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>Why a requested position cannot be used.</summary>
internal sealed class PositionRefused(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>
/// Positions of cards within a (tenant, stage) column, shared by the whole team (seed note 5). Positions have gaps of
/// <see cref="Gap"/>, so a move writes one row; when two neighbours have no room between them the column is
/// renumbered once. Writers of one column are serialised by a transaction-scoped advisory lock on that column only,
/// so concurrent moves leave a strict total order while other columns and tenants go on in parallel.
/// </summary>
internal sealed class ColumnOrdering(PipelineDb db)
{
    public const int Gap = 1024;

    /// <summary>Locks the column until the current transaction ends (call inside one).</summary>
    public Task LockAsync(long tenantId, long stageId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({(tenantId << 4) | stageId})", ct);

    /// <summary>
    /// The position for <paramref name="movingId"/> in the column: before <paramref name="beforeId"/> (the card that
    /// will follow it), after <paramref name="afterId"/> (the card that will precede it), or at the end. The anchors
    /// are looked up among <paramref name="visible"/>, the deals the caller can see: a card it cannot see is refused
    /// exactly as one that does not exist, so a move never tells whether, or where, someone else's card is.
    /// </summary>
    public async Task<int> PositionAsync(IQueryable<Deal> visible, long stageId, long movingId, long? beforeId, long? afterId, CancellationToken ct)
    {
        for (var attempt = 0; ; attempt++)
        {
            var (low, high) = await NeighboursAsync(visible, stageId, movingId, beforeId, afterId, ct);
            if (high is null)
                return (low ?? 0) + Gap;
            if (low is null)
                return high.Value - Gap;
            if (high.Value - low.Value >= 2)
                return low.Value + (high.Value - low.Value) / 2;
            if (attempt > 0)
                throw new InvalidOperationException("No room in the column even after renumbering.");
            await RenumberAsync(stageId, movingId, ct);
        }
    }

    private async Task<(int? Low, int? High)> NeighboursAsync(
        IQueryable<Deal> visible, long stageId, long movingId, long? beforeId, long? afterId, CancellationToken ct)
    {
        // Positions are the whole team's (seed note 5); the anchors must be cards the caller can see.
        var column = db.Deals.AsNoTracking().Where(d => d.PipelineStageId == stageId && d.Id != movingId);
        var anchors = visible.AsNoTracking().Where(d => d.PipelineStageId == stageId && d.Id != movingId);
        if (afterId is { } after)
        {
            var anchor = await anchors.Where(d => d.Id == after).Select(d => new { d.SortOrder, d.Id }).SingleOrDefaultAsync(ct)
                ?? throw new PositionRefused("afterDealId", "That card is not in the target column.");
            var next = await column.Where(d => d.SortOrder > anchor.SortOrder || (d.SortOrder == anchor.SortOrder && d.Id > anchor.Id))
                .OrderBy(d => d.SortOrder).ThenBy(d => d.Id).Select(d => (int?)d.SortOrder).FirstOrDefaultAsync(ct);
            if (beforeId is { } b && !await anchors.AnyAsync(d => d.Id == b, ct))
                throw new PositionRefused("beforeDealId", "That card is not in the target column.");
            return (anchor.SortOrder, next);
        }

        if (beforeId is { } before)
        {
            var anchor = await anchors.Where(d => d.Id == before).Select(d => new { d.SortOrder, d.Id }).SingleOrDefaultAsync(ct)
                ?? throw new PositionRefused("beforeDealId", "That card is not in the target column.");
            var previous = await column.Where(d => d.SortOrder < anchor.SortOrder || (d.SortOrder == anchor.SortOrder && d.Id < anchor.Id))
                .OrderByDescending(d => d.SortOrder).ThenByDescending(d => d.Id).Select(d => (int?)d.SortOrder).FirstOrDefaultAsync(ct);
            return (previous, anchor.SortOrder);
        }

        var last = await column.MaxAsync(d => (int?)d.SortOrder, ct);
        return (last, null);
    }

    /// <summary>Spreads the column out again (in its current order), leaving the moving card's old slot out.</summary>
    private Task<int> RenumberAsync(long stageId, long movingId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""
             UPDATE pipeline.deals d SET sort_order = r.position * {Gap}
             FROM (SELECT id, row_number() OVER (ORDER BY sort_order, id) AS position
                   FROM pipeline.deals WHERE tenant_id = {db.CurrentTenantId} AND pipeline_stage_id = {stageId} AND id <> {movingId}) r
             WHERE d.id = r.id
             """, ct);
}
