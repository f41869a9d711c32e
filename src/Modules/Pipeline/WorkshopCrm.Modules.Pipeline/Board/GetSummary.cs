using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Board;

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
}

/// <summary>
/// Per-stage counts and values, won and lost this month (by when the deal entered Won/Lost, in the company's time
/// zone) and the month's win rate; a Business Owner also gets them per owner, a Salesperson only its own numbers.
/// </summary>
internal sealed class GetSummary(PipelineDb db, Access access, IOptions<PipelineOptions> options, TimeProvider clock) : EndpointWithoutRequest<PipelineSummary>
{
    public override void Configure()
    {
        Get("/api/pipeline/summary");
        Summary(s => s.Summary = "Pipeline numbers: per stage, won and lost this month, win rate");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var monthStart = MonthStart();
        var rows = await access.VisibleDeals().AsNoTracking()
            .GroupBy(d => new { d.UserId, d.PipelineStageId, ThisMonth = d.StageEnteredAt >= monthStart })
            .Select(g => new { g.Key.UserId, g.Key.PipelineStageId, g.Key.ThisMonth, Count = g.Count(), Value = g.Sum(d => d.Value) })
            .ToListAsync(ct);
        var names = await db.Members.AsNoTracking().Select(m => new { m.UserId, m.Name }).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);

        var stages = PipelineStage.Seeded.Select(s => new StageSummary(s.Id, s.Name,
            rows.Where(r => r.PipelineStageId == s.Id).Sum(r => r.Count), rows.Where(r => r.PipelineStageId == s.Id).Sum(r => r.Value))).ToList();
        var won = OutcomeOf(rows.Where(r => r.PipelineStageId == PipelineStage.Won && r.ThisMonth).Select(r => (r.Count, r.Value)));
        var lost = OutcomeOf(rows.Where(r => r.PipelineStageId == PipelineStage.Lost && r.ThisMonth).Select(r => (r.Count, r.Value)));
        var owners = rows.GroupBy(r => r.UserId).Select(g => new OwnerSummary(
                g.Key,
                names.GetValueOrDefault(g.Key, ""),
                g.Where(r => !IsTerminal(r.PipelineStageId)).Sum(r => r.Count),
                g.Where(r => !IsTerminal(r.PipelineStageId)).Sum(r => r.Value),
                OutcomeOf(g.Where(r => r.PipelineStageId == PipelineStage.Won && r.ThisMonth).Select(r => (r.Count, r.Value))),
                OutcomeOf(g.Where(r => r.PipelineStageId == PipelineStage.Lost && r.ThisMonth).Select(r => (r.Count, r.Value)))))
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

    private DateTimeOffset MonthStart()
    {
        var zone = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);
        var local = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), zone);
        var start = new DateTime(local.Year, local.Month, 1, 0, 0, 0, DateTimeKind.Unspecified);
        return new DateTimeOffset(start, zone.GetUtcOffset(start)).ToUniversalTime();
    }
}
