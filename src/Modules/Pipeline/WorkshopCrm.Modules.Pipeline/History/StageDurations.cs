using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.History;

/// <summary>How long a deal has spent in a stage, over all its visits (days, one decimal).</summary>
internal sealed record StageDuration(long StageId, double Days);

internal static class StageDurations
{
    /// <summary>
    /// From the deal's history: each <c>created</c> or <c>stage_changed</c> entry starts a stay in its stage that lasts
    /// until the next one (the last one until now). A deal whose history starts with a start-of-history entry counts
    /// from then only, as nothing earlier is known.
    /// </summary>
    public static async Task<IReadOnlyList<StageDuration>> OfAsync(PipelineDb db, long dealId, DateTimeOffset now, CancellationToken ct)
    {
        var moves = await db.DealEvents.AsNoTracking()
            .Where(e => e.DealId == dealId && (e.DealEventKindId == DealEventKind.Created || e.DealEventKindId == DealEventKind.StageChanged))
            .OrderBy(e => e.At).ThenBy(e => e.Id)
            .Select(e => new { e.At, e.ToStageId })
            .ToListAsync(ct);
        return Compute(moves.Where(m => m.ToStageId is not null).Select(m => (m.At, m.ToStageId!.Value)).ToList(), now);
    }

    public static IReadOnlyList<StageDuration> Compute(IReadOnlyList<(DateTimeOffset At, long StageId)> moves, DateTimeOffset now)
    {
        var days = new Dictionary<long, double>();
        var order = new List<long>();
        for (var i = 0; i < moves.Count; i++)
        {
            var (at, stage) = moves[i];
            var until = i + 1 < moves.Count ? moves[i + 1].At : now;
            if (!days.ContainsKey(stage))
                order.Add(stage);
            days[stage] = days.GetValueOrDefault(stage) + Math.Max(0, (until - at).TotalDays);
        }

        return order.Select(s => new StageDuration(s, Math.Round(days[s], 1))).ToList();
    }
}
