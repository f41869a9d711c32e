using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Reports;

internal sealed record TeamRequest : IReportRequest
{
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
    public string? Format { get; init; }
}

internal sealed class TeamRequestValidator : Validator<TeamRequest>
{
    public TeamRequestValidator() => ReportRules.Apply(this);
}

/// <summary>One salesperson's numbers: open now, won and lost in the period, activities done in it and overdue now.</summary>
internal sealed record TeamMemberNumbers(
    ReportPerson Owner, bool Active, Tally Open, Tally Won, Tally Lost, double? WinRate, double? AverageDaysToWin, int ActivitiesDone, int ActivitiesOverdue);

internal sealed record TeamReport(DateOnly From, DateOnly To, IReadOnlyList<TeamMemberNumbers> Members);

internal sealed class UserCountRow
{
    public long UserId { get; init; }
    public int Count { get; init; }
    public decimal Value { get; init; }
}

/// <summary>
/// The team (Business Owner only): per person, open deals now (count and R$, from the kept column totals), won and lost
/// in the period, win rate, average days to win, activities completed in the period and overdue now (from the kept
/// report totals, ADR 0026). Active people always; someone who left, when the period has numbers of theirs.
/// </summary>
internal sealed class GetTeam(PipelineDb db, Access access, CompanyCalendar calendar)
    : Endpoint<TeamRequest, Results<Ok<TeamReport>, FileContentHttpResult, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/reports/team");
        Summary(s => s.Summary = "The team: per salesperson open, won, lost, win rate, days to win, activities (Business Owner)");
    }

    public override async Task<Results<Ok<TeamReport>, FileContentHttpResult, ProblemHttpResult>> ExecuteAsync(TeamRequest req, CancellationToken ct)
    {
        if (!access.IsOwner)
            return Problems.Forbidden("report.team_forbidden", "Only a Business Owner sees the team's numbers.");

        var tenantId = db.CurrentTenantId!.Value;
        var period = ReportPeriod.Of(req, calendar);
        var now = calendar.Now();
        var open = await db.Database.SqlQuery<UserCountRow>(
            $"""
             SELECT t.user_id AS user_id, sum(t.deal_count)::int AS count, sum(t.value_sum) AS value
             FROM pipeline.stage_totals t
             WHERE t.tenant_id = {tenantId} AND t.pipeline_stage_id NOT IN ({PipelineStage.Won}, {PipelineStage.Lost})
             GROUP BY t.user_id
             """).ToListAsync(ct);
        var closed = await ReportSql.OutcomesAsync(db, tenantId, period, null, "owner", ct);
        // Activities done per company day and open ones per due day and time are kept by the database (ADR 0026); an
        // all-day activity is kept at 24:00, never past on its own day, as the agenda says.
        var done = await db.Database.SqlQuery<UserCountRow>(
            $"""
             SELECT t.user_id AS user_id, sum(t.done_count)::int AS count, 0::numeric AS value
             FROM pipeline.done_activity_totals t
             WHERE t.tenant_id = {tenantId} AND t.day >= {period.From} AND t.day <= {period.To}
             GROUP BY t.user_id
             """).ToListAsync(ct);
        var overdue = await db.Database.SqlQuery<UserCountRow>(
            $"""
             SELECT t.user_id AS user_id, sum(t.open_count)::int AS count, 0::numeric AS value
             FROM pipeline.open_activity_totals t
             WHERE t.tenant_id = {tenantId} AND (t.due_date, t.due_time) < ({now.Today}, {now.Time})
             GROUP BY t.user_id
             """).ToListAsync(ct);

        var members = await db.Members.AsNoTracking().OrderBy(m => m.Name).ThenBy(m => m.UserId).ToListAsync(ct);
        var closedBy = closed.ToDictionary(r => long.Parse(r.Key, System.Globalization.CultureInfo.InvariantCulture));
        var numbers = members.Select(m =>
            {
                var o = open.FirstOrDefault(r => r.UserId == m.UserId);
                var c = closedBy.GetValueOrDefault(m.UserId) ?? new OutcomeRow();
                return new TeamMemberNumbers(new ReportPerson(m.UserId, m.Name), m.IsActive, new Tally(o?.Count ?? 0, o?.Value ?? 0),
                    new Tally(c.WonCount, c.WonValue), new Tally(c.LostCount, c.LostValue), ReportSql.Rate(c.WonCount, c.WonCount + c.LostCount),
                    c.DaysToWinCount == 0 ? null : Math.Round(c.DaysToWinSum!.Value / c.DaysToWinCount, 1),
                    done.FirstOrDefault(r => r.UserId == m.UserId)?.Count ?? 0, overdue.FirstOrDefault(r => r.UserId == m.UserId)?.Count ?? 0);
            })
            .Where(n => n.Active || n.Open.Count + n.Won.Count + n.Lost.Count + n.ActivitiesDone + n.ActivitiesOverdue > 0)
            .ToList();
        var report = new TeamReport(period.From, period.To, numbers);

        if (!ReportOwner.WantsCsv(req, HttpContext))
            return TypedResults.Ok(report);
        var en = ReportOwner.English(HttpContext);
        return ReportCsv.File(en ? "team" : "equipe",
            en
                ? ["Salesperson", "Open", "Open (R$)", "Won", "Won (R$)", "Lost", "Win rate", "Average days to win", "Activities done", "Activities overdue"]
                : ["Vendedor", "Abertos", "Abertos (R$)", "Ganhos", "Ganhos (R$)", "Perdidos", "Taxa de ganho", "Dias até ganhar (média)", "Atividades feitas", "Atividades atrasadas"],
            numbers.Select(n => (IReadOnlyList<object?>)[n.Owner.Name, n.Open.Count, n.Open.Value, n.Won.Count, n.Won.Value, n.Lost.Count, n.WinRate,
                n.AverageDaysToWin, n.ActivitiesDone, n.ActivitiesOverdue]));
    }
}
