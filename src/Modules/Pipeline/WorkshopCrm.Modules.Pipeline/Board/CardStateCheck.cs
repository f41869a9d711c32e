using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline.Board;

/// <summary>One row of <c>pipeline.next_activities_drift()</c>: a deal's kept next activity against its open activities'.</summary>
internal sealed record NextActivityDrift(long TenantId, long DealId, long? KeptActivityId, long? NextActivityId);

/// <summary>One row of <c>pipeline.awaiting_replies_drift()</c>: a lead's kept waiting time against its conversation's.</summary>
internal sealed record AwaitingReplyDrift(long TenantId, long LeadId, DateTimeOffset? Kept, DateTimeOffset? Recomputed);

/// <summary>
/// What the board's cards read from kept state besides the totals — each deal's next activity (ADR 0032) and the leads
/// waiting for a WhatsApp reply (ADR 0028) — recomputed from the activities and the conversations of every company and
/// compared; with repair, set to what those say.
/// </summary>
internal sealed class CardStateCheck(ModuleDbFactory<PipelineDb> dbs) : IConsistencyCheck
{
    public async Task<int> CheckAsync(TextWriter output, bool repair, CancellationToken ct)
    {
        // Every company's cards: this unit of work crosses tenants on purpose.
        await using var db = dbs.AcrossTenants();
        var next = await db.Database
            .SqlQueryRaw<NextActivityDrift>("SELECT tenant_id, deal_id, kept_activity_id, next_activity_id FROM pipeline.next_activities_drift()")
            .ToListAsync(ct);
        foreach (var d in next)
            await output.WriteLineAsync(
                $"pipeline.next_activities tenant {d.TenantId} deal {d.DealId}: kept activity {Show(d.KeptActivityId)}, the activities say {Show(d.NextActivityId)}");
        var awaiting = await db.Database
            .SqlQueryRaw<AwaitingReplyDrift>("SELECT tenant_id, lead_id, kept, recomputed FROM pipeline.awaiting_replies_drift()")
            .ToListAsync(ct);
        foreach (var d in awaiting)
            await output.WriteLineAsync(
                $"pipeline.awaiting_replies tenant {d.TenantId} lead {d.LeadId}: kept {Show(d.Kept)}, the conversation says {Show(d.Recomputed)}");
        if (repair && next.Count > 0)
            await db.Database.ExecuteSqlRawAsync("SELECT pipeline.rebuild_next_activities()", ct);
        if (repair && awaiting.Count > 0)
            await db.Database.ExecuteSqlRawAsync("SELECT pipeline.rebuild_awaiting_replies()", ct);
        var differences = next.Count + awaiting.Count;
        await output.WriteLineAsync(
            $"pipeline.next_activities and awaiting_replies: {differences} difference(s){(repair && differences > 0 ? ", repaired" : "")}.");
        return differences;
    }

    private static string Show(long? id) => id?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "none";

    private static string Show(DateTimeOffset? time) => time?.ToString("o", System.Globalization.CultureInfo.InvariantCulture) ?? "none";
}
