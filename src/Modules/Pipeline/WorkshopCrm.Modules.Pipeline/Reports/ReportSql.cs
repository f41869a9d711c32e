using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Reports;

internal sealed record ReportStage(long Id, string Name)
{
    public static ReportStage Of(long id) => new(id, PipelineStage.Seeded.Single(s => s.Id == id).Name);
}

internal sealed record ReportPerson(long Id, string Name);

/// <summary>Won and lost deals of one group (a month, a week, an owner) or of a whole period.</summary>
internal sealed class OutcomeRow
{
    public string Key { get; init; } = "";
    public int WonCount { get; init; }
    public decimal WonValue { get; init; }
    public int LostCount { get; init; }
    public decimal LostValue { get; init; }
    public double? DaysToWinSum { get; init; }
    public int DaysToWinCount { get; init; }
}

internal sealed class CountRow
{
    public long Key { get; init; }
    public int Deals { get; init; }
    public decimal Value { get; init; }
}

/// <summary>
/// The reports' SQL, by hand: aggregates PostgreSQL computes better than EF would write them. Closed deals are those
/// in Won or Lost now, by when they entered it (deals_stage_entered_index), counted for their owner now, as the
/// board's summary counts them; a deal that left Lost is not lost any more. Each statement runs in the request's unit of
/// work, bound to the tenant (row-level security), and names the tenant too, for the indexes.
/// </summary>
internal static class ReportSql
{
    public const long Won = PipelineStage.Won;
    public const long Lost = PipelineStage.Lost;

    /// <summary>How each closed deal is grouped: <c>{0}</c> is the company's time zone.</summary>
    public static string GroupKey(string groupBy) => groupBy switch
    {
        "week" => "to_char(date_trunc('week', d.stage_entered_at AT TIME ZONE {0}), 'YYYY-MM-DD')",
        "owner" => "d.user_id::text",
        "none" => "''",
        _ => "to_char(d.stage_entered_at AT TIME ZONE {0}, 'YYYY-MM')",
    };

    public static Task<List<OutcomeRow>> OutcomesAsync(
        PipelineDb db, long tenantId, string zone, ReportPeriod period, long? ownerId, string groupBy, CancellationToken ct) =>
        db.Database.SqlQuery<OutcomeRow>(FormattableStringFactory.Create(
            $$"""
             SELECT {{GroupKey(groupBy)}} AS key,
                    (count(*) FILTER (WHERE d.pipeline_stage_id = {{Won}}))::int AS won_count,
                    coalesce(sum(d.value) FILTER (WHERE d.pipeline_stage_id = {{Won}}), 0) AS won_value,
                    (count(*) FILTER (WHERE d.pipeline_stage_id = {{Lost}}))::int AS lost_count,
                    coalesce(sum(d.value) FILTER (WHERE d.pipeline_stage_id = {{Lost}}), 0) AS lost_value,
                    sum(extract(epoch FROM d.stage_entered_at - d.created_at) / 86400)
                        FILTER (WHERE d.pipeline_stage_id = {{Won}} AND d.created_at IS NOT NULL)::float8 AS days_to_win_sum,
                    (count(d.created_at) FILTER (WHERE d.pipeline_stage_id = {{Won}}))::int AS days_to_win_count
             FROM pipeline.deals d
             WHERE d.tenant_id = {1} AND d.pipeline_stage_id IN ({{Won}}, {{Lost}})
               AND d.stage_entered_at >= {2} AND d.stage_entered_at < {3} AND ({4} = 0 OR d.user_id = {4})
             GROUP BY 1
             """, zone, tenantId, period.Start, period.End, ownerId ?? 0)).ToListAsync(ct);

    public static async Task<Dictionary<long, string>> NamesAsync(PipelineDb db, IEnumerable<long> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Members.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);
    }

    public static double? Rate(decimal part, decimal whole) => whole == 0 ? null : Math.Round((double)(part / whole), 4);
}
