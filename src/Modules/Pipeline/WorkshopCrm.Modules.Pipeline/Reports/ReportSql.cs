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
/// in Won or Lost now, by the company day they entered it, counted for their owner now, as the board's summary counts
/// them; a deal that left Lost is not lost any more. They are read from pipeline.closed_deal_totals, kept per company
/// day by the database in the same transaction as every write to the deals (ADR 0026), so a year is a few thousand
/// rows whatever the number of deals. Each statement runs in the request's unit of work, bound to the tenant
/// (row-level security), and names the tenant too, for the indexes.
/// </summary>
internal static class ReportSql
{
    public const long Won = PipelineStage.Won;
    public const long Lost = PipelineStage.Lost;

    /// <summary>How each company day of closed deals is grouped.</summary>
    public static string GroupKey(string groupBy) => groupBy switch
    {
        "week" => "to_char(date_trunc('week', t.day::timestamp), 'YYYY-MM-DD')",
        "owner" => "t.user_id::text",
        "none" => "''",
        _ => "to_char(t.day::timestamp, 'YYYY-MM')",
    };

    public static Task<List<OutcomeRow>> OutcomesAsync(
        PipelineDb db, long tenantId, ReportPeriod period, long? ownerId, string groupBy, CancellationToken ct) =>
        db.Database.SqlQuery<OutcomeRow>(FormattableStringFactory.Create(
            $$"""
             SELECT {{GroupKey(groupBy)}} AS key,
                    coalesce(sum(t.deal_count) FILTER (WHERE t.pipeline_stage_id = {{Won}}), 0)::int AS won_count,
                    coalesce(sum(t.value_sum) FILTER (WHERE t.pipeline_stage_id = {{Won}}), 0) AS won_value,
                    coalesce(sum(t.deal_count) FILTER (WHERE t.pipeline_stage_id = {{Lost}}), 0)::int AS lost_count,
                    coalesce(sum(t.value_sum) FILTER (WHERE t.pipeline_stage_id = {{Lost}}), 0) AS lost_value,
                    sum(t.days_sum) FILTER (WHERE t.pipeline_stage_id = {{Won}})::float8 AS days_to_win_sum,
                    coalesce(sum(t.days_count) FILTER (WHERE t.pipeline_stage_id = {{Won}}), 0)::int AS days_to_win_count
             FROM pipeline.closed_deal_totals t
             WHERE t.tenant_id = {0} AND t.day >= {1} AND t.day <= {2} AND ({3} = 0 OR t.user_id = {3})
             GROUP BY 1
             HAVING sum(t.deal_count) <> 0
             """, tenantId, period.From, period.To, ownerId ?? 0)).ToListAsync(ct);

    public static async Task<Dictionary<long, string>> NamesAsync(PipelineDb db, IEnumerable<long> userIds, CancellationToken ct)
    {
        var ids = userIds.Distinct().ToList();
        return await db.Members.AsNoTracking().Where(m => ids.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);
    }

    public static double? Rate(decimal part, decimal whole) => whole == 0 ? null : Math.Round((double)(part / whole), 4);
}
