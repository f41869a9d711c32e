using System.Globalization;
using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Reports;

internal sealed record OutcomesRequest : IOwnerFilteredReport
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public long? OwnerId { get; init; }
    public string? GroupBy { get; init; }
    public string? Format { get; init; }
}

internal sealed class OutcomesRequestValidator : Validator<OutcomesRequest>
{
    public OutcomesRequestValidator()
    {
        ReportRules.Apply(this);
        RuleFor(r => r.GroupBy).Must(g => g is null or "month" or "week" or "owner").WithMessage("Must be month, week or owner.");
    }
}

internal sealed record Tally(int Count, decimal Value);

/// <summary>Won and lost in a group: counts and R$, win rate by count and by value, average days from creation to won.</summary>
internal sealed record OutcomeGroup(
    string Key, ReportPerson? Owner, Tally Won, Tally Lost, double? WinRateByCount, double? WinRateByValue, double? AverageDaysToWin);

internal sealed record OutcomePeriod(DateOnly From, DateOnly To, IReadOnlyList<OutcomeGroup> Groups, OutcomeGroup Total);

/// <summary>The period's results by month, week or owner, with the previous period of equal length beside them.</summary>
internal sealed record OutcomesReport(DateOnly From, DateOnly To, string GroupBy, IReadOnlyList<OutcomeGroup> Groups, OutcomeGroup Total, OutcomePeriod Previous);

/// <summary>
/// Results: deals won and lost in the period (by when they entered Won or Lost, in the company's calendar), for their
/// owner now; grouped by month (every month of the period, empty ones too), ISO week (from Monday) or owner.
/// </summary>
internal sealed class GetOutcomes(PipelineDb db, Access access, CompanyCalendar calendar)
    : Endpoint<OutcomesRequest, Results<Ok<OutcomesReport>, FileContentHttpResult, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/reports/outcomes");
        Summary(s => s.Summary = "Results: won and lost, win rates and days to win, against the previous period");
    }

    public override async Task<Results<Ok<OutcomesReport>, FileContentHttpResult, ProblemHttpResult>> ExecuteAsync(OutcomesRequest req, CancellationToken ct)
    {
        var (ownerId, refused) = await ReportOwner.ResolveAsync(db, access, req.OwnerId, ct);
        if (refused is not null)
            return refused;

        var groupBy = req.GroupBy ?? "month";
        var period = ReportPeriod.Of(req, calendar);
        var previous = period.Previous(calendar);
        var current = await PeriodAsync(period, ownerId, groupBy, ct);
        var before = await PeriodAsync(previous, ownerId, groupBy, ct);
        var report = new OutcomesReport(period.From, period.To, groupBy, current.Groups, current.Total, before);

        if (!ReportOwner.WantsCsv(req, HttpContext))
            return TypedResults.Ok(report);
        var en = ReportOwner.English(HttpContext);
        var earlier = en ? " (previous period)" : " (período anterior)";
        return ReportCsv.File(en ? "results" : "resultados",
            en
                ? ["Group", "Won", "Won (R$)", "Lost", "Lost (R$)", "Win rate (count)", "Win rate (value)", "Average days to win"]
                : ["Grupo", "Ganhos", "Ganhos (R$)", "Perdidos", "Perdidos (R$)", "Taxa de ganho (qtd.)", "Taxa de ganho (valor)", "Dias até ganhar (média)"],
            current.Groups.Append(current.Total with { Key = en ? "Total" : "Total" })
                .Concat(before.Groups.Select(g => g with { Key = g.Key + earlier }))
                .Append(before.Total with { Key = "Total" + earlier })
                .Select(g => (IReadOnlyList<object?>)[g.Owner?.Name ?? g.Key, g.Won.Count, g.Won.Value, g.Lost.Count, g.Lost.Value,
                    g.WinRateByCount, g.WinRateByValue, g.AverageDaysToWin]));
    }

    private async Task<OutcomePeriod> PeriodAsync(ReportPeriod period, long? ownerId, string groupBy, CancellationToken ct)
    {
        var rows = await ReportSql.OutcomesAsync(db, db.CurrentTenantId!.Value, period, ownerId, groupBy, ct);
        var byKey = rows.ToDictionary(r => r.Key);
        var keys = groupBy switch
        {
            "month" => Months(period).ToList(),
            "week" => Weeks(period).ToList(),
            _ => rows.Select(r => r.Key).ToList(),
        };
        var names = groupBy == "owner" ? await ReportSql.NamesAsync(db, rows.Select(r => long.Parse(r.Key, CultureInfo.InvariantCulture)), ct) : [];
        var groups = keys.Select(k => Group(k, byKey.GetValueOrDefault(k) ?? new OutcomeRow { Key = k }, names))
            .OrderBy(g => groupBy == "owner" ? g.Owner!.Name : g.Key, StringComparer.Ordinal).ToList();
        var total = Group("", new OutcomeRow
        {
            WonCount = rows.Sum(r => r.WonCount), WonValue = rows.Sum(r => r.WonValue), LostCount = rows.Sum(r => r.LostCount),
            LostValue = rows.Sum(r => r.LostValue), DaysToWinSum = rows.Sum(r => r.DaysToWinSum ?? 0), DaysToWinCount = rows.Sum(r => r.DaysToWinCount),
        }, names);
        return new OutcomePeriod(period.From, period.To, groups, total);
    }

    private static OutcomeGroup Group(string key, OutcomeRow r, Dictionary<long, string> names)
    {
        ReportPerson? owner = long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id) && names.TryGetValue(id, out var name)
            ? new ReportPerson(id, name)
            : null;
        return new OutcomeGroup(key, owner, new Tally(r.WonCount, r.WonValue), new Tally(r.LostCount, r.LostValue),
            ReportSql.Rate(r.WonCount, r.WonCount + r.LostCount), ReportSql.Rate(r.WonValue, r.WonValue + r.LostValue),
            r.DaysToWinCount == 0 ? null : Math.Round(r.DaysToWinSum!.Value / r.DaysToWinCount, 1));
    }

    private static IEnumerable<string> Months(ReportPeriod period)
    {
        for (var m = new DateOnly(period.From.Year, period.From.Month, 1); m <= period.To; m = m.AddMonths(1))
            yield return m.ToString("yyyy-MM", CultureInfo.InvariantCulture);
    }

    private static IEnumerable<string> Weeks(ReportPeriod period)
    {
        var monday = period.From.AddDays(-(((int)period.From.DayOfWeek + 6) % 7));
        for (var w = monday; w <= period.To; w = w.AddDays(7))
            yield return w.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
    }
}
