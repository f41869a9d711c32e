using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>Why a requested position cannot be used.</summary>
internal sealed class PositionRefused(string field, string message) : Exception(message)
{
    public string Field { get; } = field;
}

/// <summary>Two neighbours have no room between them: the column must be spread out first (<see cref="ColumnOrdering.RenumberAsync"/>).</summary>
internal sealed class ColumnFull() : Exception("No room between the neighbours: the column is renumbered first.");

/// <summary>
/// Positions of cards within a (tenant, stage) column, shared by the whole team (seed note 5). Positions have gaps of
/// <see cref="Gap"/>, so a move writes one row; the board orders by (position, id), so two cards dropped into the same
/// gap at the same moment both land there, in a strict order. Moves and creations take the column's advisory lock
/// shared (they never wait for each other); only spreading a column out, when two neighbours have no room left
/// between them, takes it exclusively, in a transaction of its own, and the move is then tried again (ADR 0019).
/// </summary>
internal sealed class ColumnOrdering(PipelineDb db)
{
    public const int Gap = 1024;

    /// <summary>Shares the column's lock until the current transaction ends (call inside one): a renumbering waits.</summary>
    public Task ShareAsync(long tenantId, long stageId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({Key(tenantId, stageId)})", ct);

    /// <summary>
    /// In one round trip and in this order: shares the column's lock (a renumbering waits), then locks the card's row
    /// until the current transaction ends (call inside one). Never the row first: a renumbering holding the column
    /// alone may be waiting for that row.
    /// </summary>
    public Task ShareAndLockCardAsync(long tenantId, long stageId, long dealId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync(
            $"""
             SELECT 1 FROM pg_advisory_xact_lock_shared({Key(tenantId, stageId)}) column_lock
             CROSS JOIN LATERAL (SELECT id FROM pipeline.deals WHERE id = {dealId} AND tenant_id = {tenantId} FOR UPDATE) card
             """, ct);

    /// <summary>Holds the column's lock alone until the current transaction ends (call inside one).</summary>
    public Task LockAsync(long tenantId, long stageId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(tenantId, stageId)})", ct);

    private static long Key(long tenantId, long stageId) => (tenantId << 4) | stageId;

    /// <summary>
    /// The position for <paramref name="movingId"/> in the column: before <paramref name="beforeId"/> (the card that
    /// will follow it), after <paramref name="afterId"/> (the card that will precede it), or at the end. The anchors
    /// are looked up among <paramref name="visible"/>, the deals the caller can see: a card it cannot see is refused
    /// exactly as one that does not exist, so a move never tells whether, or where, someone else's card is.
    /// </summary>
    /// <exception cref="ColumnFull">The neighbours have no room between them.</exception>
    public async Task<int> PositionAsync(IQueryable<Deal> visible, long stageId, long movingId, long? beforeId, long? afterId, CancellationToken ct)
    {
        var (low, high) = await NeighboursAsync(visible, stageId, movingId, beforeId, afterId, ct);
        if (high is null)
            return (low ?? 0) + Gap;
        if (low is null)
            return high.Value - Gap;
        if (high.Value - low.Value >= 2)
            return low.Value + (high.Value - low.Value) / 2;
        throw new ColumnFull();
    }

    private async Task<(int? Low, int? High)> NeighboursAsync(
        IQueryable<Deal> visible, long stageId, long movingId, long? beforeId, long? afterId, CancellationToken ct)
    {
        // Positions are the whole team's (seed note 5); the anchors must be cards the caller can see. A neighbour's
        // position is all that is needed, so each lookup orders by position alone and stops at the first row of
        // deals_kanban_order_index (ordering by position and id would sort the rest of a 15,000-card column).
        var column = db.Deals.AsNoTracking().Where(d => d.PipelineStageId == stageId && d.Id != movingId);
        var anchors = visible.AsNoTracking().Where(d => d.PipelineStageId == stageId && d.Id != movingId);
        // The anchor and its neighbour on the other side in one statement (a round trip fewer a move, ADR 0030).
        if (afterId is { } after)
        {
            var anchor = await anchors.Where(d => d.Id == after)
                .Select(d => new
                {
                    d.SortOrder,
                    Next = column.Where(c => c.SortOrder >= d.SortOrder && (c.SortOrder > d.SortOrder || c.Id > d.Id))
                        .OrderBy(c => c.SortOrder).Select(c => (int?)c.SortOrder).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct)
                ?? throw new PositionRefused("afterDealId", "That card is not in the target column.");
            if (beforeId is { } b && !await anchors.AnyAsync(d => d.Id == b, ct))
                throw new PositionRefused("beforeDealId", "That card is not in the target column.");
            return (anchor.SortOrder, anchor.Next);
        }

        if (beforeId is { } before)
        {
            var anchor = await anchors.Where(d => d.Id == before)
                .Select(d => new
                {
                    d.SortOrder,
                    Previous = column.Where(c => c.SortOrder <= d.SortOrder && (c.SortOrder < d.SortOrder || c.Id < d.Id))
                        .OrderByDescending(c => c.SortOrder).Select(c => (int?)c.SortOrder).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct)
                ?? throw new PositionRefused("beforeDealId", "That card is not in the target column.");
            return (anchor.Previous, anchor.SortOrder);
        }

        var last = await column.MaxAsync(d => (int?)d.SortOrder, ct);
        return (last, null);
    }

    /// <summary>
    /// Spreads the column out again, in its current order, in a transaction of its own that holds the column's lock
    /// alone: moves into it wait for it, and it waits for the moves in flight.
    /// </summary>
    public async Task RenumberAsync(long tenantId, long stageId, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await LockAsync(tenantId, stageId, ct);
        await db.Database.ExecuteSqlAsync(
            $"""
             UPDATE pipeline.deals d SET sort_order = r.position * {Gap}
             FROM (SELECT id, row_number() OVER (ORDER BY sort_order, id) AS position
                   FROM pipeline.deals WHERE tenant_id = {tenantId} AND pipeline_stage_id = {stageId}) r
             WHERE d.id = r.id AND d.sort_order IS DISTINCT FROM r.position * {Gap}
             """, ct);
        await transaction.CommitAsync(ct);
    }
}
