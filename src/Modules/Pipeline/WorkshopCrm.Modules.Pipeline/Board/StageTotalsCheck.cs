using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline.Board;

/// <summary>One row of <c>pipeline.stage_totals_drift()</c>: the kept totals of a column and owner against the deals'.</summary>
internal sealed record StageTotalDrift(long TenantId, long StageId, long UserId, int KeptCount, int ActualCount, decimal KeptValue, decimal ActualValue);

/// <summary>
/// The column totals (pipeline.stage_totals, ADR 0019) recomputed from the deals of every company and compared; with
/// repair, set to what the deals say.
/// </summary>
internal sealed class StageTotalsCheck(ModuleDbFactory<PipelineDb> dbs) : IConsistencyCheck
{
    public async Task<int> CheckAsync(TextWriter output, bool repair, CancellationToken ct)
    {
        // Every company's totals: this unit of work crosses tenants on purpose.
        await using var db = dbs.AcrossTenants();
        var drift = await db.Database
            .SqlQueryRaw<StageTotalDrift>(
                """
                SELECT tenant_id, pipeline_stage_id AS stage_id, user_id, kept_count, actual_count, kept_value, actual_value
                FROM pipeline.stage_totals_drift()
                """)
            .ToListAsync(ct);
        foreach (var d in drift)
            await output.WriteLineAsync(
                $"pipeline.stage_totals tenant {d.TenantId} stage {d.StageId} owner {d.UserId}: kept {d.KeptCount} / {d.KeptValue}, deals say {d.ActualCount} / {d.ActualValue}");
        if (repair && drift.Count > 0)
            await db.Database.ExecuteSqlRawAsync("SELECT pipeline.rebuild_stage_totals()", ct);
        await output.WriteLineAsync($"pipeline.stage_totals: {drift.Count} difference(s){(repair && drift.Count > 0 ? ", repaired" : "")}.");
        return drift.Count;
    }
}
