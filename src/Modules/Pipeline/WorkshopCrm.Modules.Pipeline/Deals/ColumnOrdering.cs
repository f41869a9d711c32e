using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>
/// Positions of cards within a (tenant, stage) column, shared by the whole team (seed note 5). Positions have gaps of
/// <see cref="Gap"/>, so a move writes one row; the board orders by (position, id), so two cards dropped into the same
/// gap at the same moment both land there, in a strict order. Moves and creations take the column's advisory lock
/// shared (they never wait for each other); only spreading a column out, when two neighbours have no room left
/// between them, takes it exclusively, in a transaction of its own, and the move is then tried again (ADR 0019). A move
/// itself is one statement, pipeline.move_deal (<see cref="DealMoves"/>, ADR 0039), with these same locks and gaps.
/// </summary>
internal sealed class ColumnOrdering(PipelineDb db)
{
    public const int Gap = 1024;

    /// <summary>Shares the column's lock until the current transaction ends (call inside one): a renumbering waits.</summary>
    public Task ShareAsync(long tenantId, long stageId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock_shared({Key(tenantId, stageId)})", ct);

    /// <summary>Holds the column's lock alone until the current transaction ends (call inside one).</summary>
    public Task LockAsync(long tenantId, long stageId, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({Key(tenantId, stageId)})", ct);

    /// <summary>The advisory lock key of a (tenant, stage) column.</summary>
    public static long Key(long tenantId, long stageId) => (tenantId << 4) | stageId;

    /// <summary>The position at the end of the column, after every card in it (a new card's; call with the column shared).</summary>
    public async Task<int> EndAsync(long stageId, CancellationToken ct) =>
        (await db.Deals.AsNoTracking().Where(d => d.PipelineStageId == stageId).MaxAsync(d => (int?)d.SortOrder, ct) ?? 0) + Gap;

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
