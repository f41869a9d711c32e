using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Board;

/// <summary>
/// An owner's deals in a column (pipeline.stage_totals), or, <see cref="ThisMonth"/>, those of its deals that entered
/// Won or Lost this month (pipeline.closed_deal_totals).
/// </summary>
internal sealed record OwnerStageTotal(long UserId, long StageId, bool ThisMonth, int Count, decimal Value);

internal sealed record StageSummary(long StageId, string Name, int Count, decimal Value);

internal sealed record Outcome(int Count, decimal Value);

internal sealed record OwnerSummary(long OwnerId, string OwnerName, int OpenCount, decimal OpenValue, Outcome WonThisMonth, Outcome LostThisMonth);

internal sealed record PipelineSummary(
    IReadOnlyList<StageSummary> Stages, Outcome WonThisMonth, Outcome LostThisMonth, decimal? WinRate, IReadOnlyList<OwnerSummary> Owners);

/// <summary>Configuration section "Pipeline".</summary>
internal sealed class PipelineOptions
{
    public const string Section = "Pipeline";

    /// <summary>Whose calendar "this month" follows.</summary>
    public string TimeZone { get; set; } = "America/Sao_Paulo";

    /// <summary>
    /// A lead search of one or two letters, and the list without a search, count their matches up to this many; beyond, the
    /// total says "at least" (TotalCapped). A search of three letters or more counts all of them exactly (ListLeads).
    /// </summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int SearchCountCap { get; set; } = 10_000;

    /// <summary>The company hour of the morning e-mail of the day's and overdue activities (issue 16).</summary>
    [System.ComponentModel.DataAnnotations.Range(0, 23)]
    public int DigestHour { get; set; } = 7;

    /// <summary>How often each Host instance looks whether a digest is due (cheap: once a day's are out it only compares dates).</summary>
    public TimeSpan DigestCheckInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>An import's file has at most this many data rows (issue 19: 50,000 is the budget's size).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 1_000_000)]
    public int ImportMaxRows { get; set; } = 100_000;

    /// <summary>Rows an import writes per transaction (one progress step).</summary>
    [System.ComponentModel.DataAnnotations.Range(1, 10_000)]
    public int ImportBatchSize { get; set; } = 1_000;

    /// <summary>How long a Host instance holds a running import between batches; after that another takes it over.</summary>
    public TimeSpan ImportLease { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>How often each Host instance looks for an import to run or take over (a start wakes it at once).</summary>
    public TimeSpan ImportPollInterval { get; set; } = TimeSpan.FromSeconds(2);
}

/// <summary>
/// Per-stage counts and values, won and lost this month (by when the deal entered Won/Lost, in the company's time
/// zone) and the month's win rate; a Business Owner also gets them per owner, a Salesperson only its own numbers.
/// </summary>
internal sealed class GetSummary(PipelineDb db, Access access, Activities.CompanyCalendar calendar) : EndpointWithoutRequest<PipelineSummary>
{
    public override void Configure()
    {
        Get("/api/pipeline/summary");
        Summary(s => s.Summary = "Pipeline numbers: per stage, won and lost this month, win rate");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        // Both from state the database keeps in the same transaction as every write to the deals, in one statement of a
        // few rows whatever the deal count: the open numbers from the column totals (ADR 0019), won and lost this month
        // from the closed deals' totals per company day (ADR 0026), which count the days of the same calendar.
        var tenantId = db.CurrentTenantId!.Value;
        var monthStart = MonthStart();
        var totals = await db.Database.SqlQuery<OwnerStageTotal>(
                $"""
                 SELECT user_id, pipeline_stage_id AS stage_id, false AS this_month, deal_count AS count, value_sum AS value
                 FROM pipeline.stage_totals WHERE tenant_id = {tenantId}
                 UNION ALL
                 SELECT user_id, pipeline_stage_id, true, sum(deal_count)::int, sum(value_sum)
                 FROM pipeline.closed_deal_totals WHERE tenant_id = {tenantId} AND day >= {monthStart}
                 GROUP BY user_id, pipeline_stage_id
                 """)
            .ToListAsync(ct);
        var rows = totals.Where(k => k.Count != 0 && (access.IsOwner || k.UserId == access.UserId)).ToList();
        var names = await db.Members.AsNoTracking().Select(m => new { m.UserId, m.Name }).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);

        var all = rows.Where(r => !r.ThisMonth).ToList(); // every deal once (the kept totals); ThisMonth rows are a subset
        var stages = PipelineStage.Seeded.Select(s => new StageSummary(s.Id, s.Name,
            all.Where(r => r.StageId == s.Id).Sum(r => r.Count), all.Where(r => r.StageId == s.Id).Sum(r => r.Value))).ToList();
        var won = OutcomeOf(rows.Where(r => r.StageId == PipelineStage.Won && r.ThisMonth).Select(r => (r.Count, r.Value)));
        var lost = OutcomeOf(rows.Where(r => r.StageId == PipelineStage.Lost && r.ThisMonth).Select(r => (r.Count, r.Value)));
        var owners = rows.GroupBy(r => r.UserId).Select(g => new OwnerSummary(
                g.Key,
                names.GetValueOrDefault(g.Key, ""),
                g.Where(r => !r.ThisMonth && !IsTerminal(r.StageId)).Sum(r => r.Count),
                g.Where(r => !r.ThisMonth && !IsTerminal(r.StageId)).Sum(r => r.Value),
                OutcomeOf(g.Where(r => r.StageId == PipelineStage.Won && r.ThisMonth).Select(r => (r.Count, r.Value))),
                OutcomeOf(g.Where(r => r.StageId == PipelineStage.Lost && r.ThisMonth).Select(r => (r.Count, r.Value)))))
            .OrderBy(o => o.OwnerName).ToList();

        decimal? winRate = won.Count + lost.Count == 0 ? null : Math.Round((decimal)won.Count / (won.Count + lost.Count), 4);
        await Send.OkAsync(new PipelineSummary(stages, won, lost, winRate, owners), ct);
    }

    private static bool IsTerminal(long stageId) => stageId is PipelineStage.Won or PipelineStage.Lost;

    private static Outcome OutcomeOf(IEnumerable<(int Count, decimal Value)> rows)
    {
        var list = rows.ToList();
        return new Outcome(list.Sum(r => r.Count), list.Sum(r => r.Value));
    }

    /// <summary>The first day of the company's current month (Pipeline:TimeZone).</summary>
    private DateOnly MonthStart()
    {
        var today = calendar.Now().Today;
        return new DateOnly(today.Year, today.Month, 1);
    }
}
