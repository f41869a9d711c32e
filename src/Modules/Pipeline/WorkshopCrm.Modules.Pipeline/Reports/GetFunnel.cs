using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Reports;

internal sealed record FunnelRequest : IOwnerFilteredReport
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? OwnerId { get; init; }
    public string? Format { get; init; }
}

internal sealed class FunnelRequestValidator : Validator<FunnelRequest>
{
    public FunnelRequestValidator() => ReportRules.Apply(this);
}

internal sealed record FunnelStage(ReportStage Stage, int Reached, double? ConversionToNext);

/// <summary>Deals created in the period; per open stage and Won, how many reached it (or went past it); how many are lost now.</summary>
internal sealed record FunnelReport(DateOnly From, DateOnly To, int Created, IReadOnlyList<FunnelStage> Stages, int Lost);

internal sealed class ReachedRow
{
    public int Reached { get; init; }
    public bool IsLost { get; init; }
    public int Deals { get; init; }
}

/// <summary>
/// The funnel: of the deals created in the period, how many reached each stage (the furthest stage before Won each was
/// ever in, Won included, Lost no step: kept on the deal from its history), and the conversion from each stage to the next.
/// A deal created straight into a later stage passed the earlier ones. Read from the kept per-day totals (ADR 0026).
/// </summary>
internal sealed class GetFunnel(PipelineDb db, Access access, CompanyCalendar calendar)
    : Endpoint<FunnelRequest, Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/reports/funnel");
        Summary(s => s.Summary = "Funnel: deals created in the period and how far they got");
    }

    public override async Task<Results<Ok<FunnelReport>, FileContentHttpResult, ProblemHttpResult>> ExecuteAsync(FunnelRequest req, CancellationToken ct)
    {
        var (ownerId, refused) = await ReportOwner.ResolveAsync(db, access, req.OwnerId, ct);
        if (refused is not null)
            return refused;

        var period = ReportPeriod.Of(req, calendar);
        // How far each got is kept on the deal (furthest_stage_id, ADR 0021), and the deals are counted per company day
        // of creation, owner, furthest stage and lost or not by the database (ADR 0026): a year is a few rows a day.
        var rows = await db.Database.SqlQuery<ReachedRow>(
            $"""
             SELECT t.furthest_stage_id::int AS reached, t.lost AS is_lost, sum(t.deal_count)::int AS deals
             FROM pipeline.created_deal_totals t
             WHERE t.tenant_id = {db.CurrentTenantId!.Value} AND t.day >= {period.From} AND t.day <= {period.To}
               AND ({ownerId ?? 0} = 0 OR t.user_id = {ownerId ?? 0})
             GROUP BY 1, 2
             """).ToListAsync(ct);

        var steps = PipelineStage.Seeded.Where(s => s.Id != PipelineStage.Lost).OrderBy(s => s.SortOrder).ToList();
        var reached = steps.Select(s => rows.Where(r => r.Reached >= s.SortOrder).Sum(r => r.Deals)).ToList();
        var stages = steps.Select((s, i) => new FunnelStage(ReportStage.Of(s.Id), reached[i],
            i + 1 < steps.Count ? ReportSql.Rate(reached[i + 1], reached[i]) : null)).ToList();
        var report = new FunnelReport(period.From, period.To, rows.Sum(r => r.Deals), stages, rows.Where(r => r.IsLost).Sum(r => r.Deals));

        if (!ReportOwner.WantsCsv(req, HttpContext))
            return TypedResults.Ok(report);
        var en = ReportOwner.English(HttpContext);
        return ReportCsv.File(en ? "funnel" : "funil",
            en ? ["Stage", "Deals that reached it", "Conversion to the next"] : ["Etapa", "Negócios que chegaram", "Conversão para a próxima"],
            stages.Select(s => (IReadOnlyList<object?>)[ReportText.Stage(s.Stage.Id, en), s.Reached, s.ConversionToNext]));
    }
}
