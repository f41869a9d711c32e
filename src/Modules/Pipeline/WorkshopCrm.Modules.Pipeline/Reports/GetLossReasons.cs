using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Reports;

internal sealed record LossReasonsRequest : IOwnerFilteredReport
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? OwnerId { get; init; }
    public string? Format { get; init; }
}

internal sealed class LossReasonsRequestValidator : Validator<LossReasonsRequest>
{
    public LossReasonsRequestValidator() => ReportRules.Apply(this);
}

/// <summary>One reason as people wrote it most often, with how many deals and R$ it lost.</summary>
internal sealed record LossReason(string Reason, int Count, decimal Value);

internal sealed record LossReasonsReport(DateOnly From, DateOnly To, IReadOnlyList<LossReason> Reasons, LossReason? Others, int TotalCount, decimal TotalValue);

internal sealed class ReasonRow
{
    public string Label { get; init; } = "";
    public int Deals { get; init; }
    public decimal Value { get; init; }
}

/// <summary>
/// Why deals were lost in the period: reasons folded (case, accents and spaces: "Preço", " preco ", "PREÇO" are one),
/// shown as their most frequent spelling, the top 20 by count and the rest as "others".
/// </summary>
internal sealed class GetLossReasons(PipelineDb db, Access access, CompanyCalendar calendar)
    : Endpoint<LossReasonsRequest, Results<Ok<LossReasonsReport>, FileContentHttpResult, ProblemHttpResult>>
{
    public const int Top = 20;

    public override void Configure()
    {
        Get("/api/reports/loss-reasons");
        Summary(s => s.Summary = "Why deals were lost: reasons folded, count and value, top 20 and others");
    }

    public override async Task<Results<Ok<LossReasonsReport>, FileContentHttpResult, ProblemHttpResult>> ExecuteAsync(LossReasonsRequest req, CancellationToken ct)
    {
        var (ownerId, refused) = await ReportOwner.ResolveAsync(db, access, req.OwnerId, ct);
        if (refused is not null)
            return refused;

        var period = ReportPeriod.Of(req, calendar);
        // Grouped by the text as stored first (a few dozen spellings for thousands of deals), then folded: the folding
        // functions run once per spelling, not once per deal (193 ms a year's report in the bench when they ran per deal).
        var rows = await db.Database.SqlQuery<ReasonRow>(
            $"""
             SELECT (array_agg(f.spelled ORDER BY f.deals DESC, f.spelled))[1] AS label, sum(f.deals)::int AS deals, sum(f.value) AS value
             FROM (
               SELECT regexp_replace(btrim(r.loss_reason), '\s+', ' ', 'g') AS spelled, sum(r.deals) AS deals, sum(r.value) AS value
               FROM (
                 SELECT d.loss_reason, count(*) AS deals, sum(d.value) AS value
                 FROM pipeline.deals d
                 WHERE d.tenant_id = {db.CurrentTenantId!.Value} AND d.pipeline_stage_id = {ReportSql.Lost}
                   AND d.stage_entered_at >= {period.Start} AND d.stage_entered_at < {period.End}
                   AND ({ownerId ?? 0} = 0 OR d.user_id = {ownerId ?? 0})
                 GROUP BY d.loss_reason
               ) r
               GROUP BY 1
             ) f
             GROUP BY lower(pipeline.unaccented(f.spelled))
             ORDER BY 2 DESC, 3 DESC, 1
             """).ToListAsync(ct);

        var reasons = rows.Take(Top).Select(r => new LossReason(r.Label, r.Deals, r.Value)).ToList();
        var rest = rows.Skip(Top).ToList();
        var others = rest.Count == 0 ? null : new LossReason("", rest.Sum(r => r.Deals), rest.Sum(r => r.Value));
        var report = new LossReasonsReport(period.From, period.To, reasons, others, rows.Sum(r => r.Deals), rows.Sum(r => r.Value));

        if (!ReportOwner.WantsCsv(req, HttpContext))
            return TypedResults.Ok(report);
        var en = ReportOwner.English(HttpContext);
        return ReportCsv.File(en ? "loss-reasons" : "motivos-de-perda", en ? ["Reason", "Deals", "Value (R$)"] : ["Motivo", "Negócios", "Valor (R$)"],
            reasons.Concat(others is null ? [] : [others with { Reason = en ? "Others" : "Outros" }])
                .Select(r => (IReadOnlyList<object?>)[r.Reason, r.Count, r.Value]));
    }
}
