using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Reports;

/// <summary>What every report asks: a period of company days (<c>to</c> inclusive), maybe an owner, maybe CSV.</summary>
internal interface IReportRequest
{
    DateOnly? From { get; }
    DateOnly? To { get; }
    string? Format { get; }
}

internal interface IOwnerFilteredReport : IReportRequest
{
    long? OwnerId { get; }
}

internal static class ReportRules
{
    public const int MaxDays = 3 * 366;

    public static void Apply<T>(AbstractValidator<T> v) where T : IReportRequest
    {
        v.RuleFor(r => r.From).Must((r, from) => from is null || r.To is null || from <= r.To)
            .WithMessage("Must not be after to.").OverridePropertyName("from");
        v.RuleFor(r => r.To).Must((r, to) => to is null || r.From is null || to.Value.DayNumber - r.From.Value.DayNumber < MaxDays)
            .WithMessage("The period is at most 3 years.").OverridePropertyName("to");
        v.RuleFor(r => r.From).Must(d => d is null || d.Value.Year is >= 2000 and <= 2099)
            .WithMessage("Must be between 2000-01-01 and 2099-12-31.").OverridePropertyName("from");
        v.RuleFor(r => r.To).Must(d => d is null || d.Value.Year is >= 2000 and <= 2099)
            .WithMessage("Must be between 2000-01-01 and 2099-12-31.").OverridePropertyName("to");
        v.RuleFor(r => r.Format).Must(f => f is null or "json" or "csv").WithMessage("Must be json or csv.").OverridePropertyName("format");
    }
}

/// <summary>A period of company days as instants: [Start, End) in UTC, and the period of equal length just before.</summary>
internal sealed record ReportPeriod(DateOnly From, DateOnly To, DateTimeOffset Start, DateTimeOffset End)
{
    public int Days => To.DayNumber - From.DayNumber + 1;

    /// <summary>The requested period, or this month of the company's calendar when none is given.</summary>
    public static ReportPeriod Of(IReportRequest req, CompanyCalendar calendar)
    {
        var today = calendar.Now().Today;
        var from = req.From ?? (req.To is { } t ? new DateOnly(t.Year, t.Month, 1) : new DateOnly(today.Year, today.Month, 1));
        var to = req.To ?? from.AddMonths(1).AddDays(-1);
        return Between(from, to, calendar);
    }

    public static ReportPeriod Between(DateOnly from, DateOnly to, CompanyCalendar calendar) =>
        new(from, to, calendar.InstantOf(from, TimeOnly.MinValue).ToUniversalTime(), calendar.InstantOf(to.AddDays(1), TimeOnly.MinValue).ToUniversalTime());

    /// <summary>
    /// The period of equal length just before: whole months give the months before (October → September, a quarter →
    /// the quarter before), any other period the same number of days.
    /// </summary>
    public ReportPeriod Previous(CompanyCalendar calendar)
    {
        if (From.Day == 1 && To.AddDays(1).Day == 1)
        {
            var months = (To.Year - From.Year) * 12 + To.Month - From.Month + 1;
            return Between(From.AddMonths(-months), From.AddDays(-1), calendar);
        }

        return Between(From.AddDays(-Days), From.AddDays(-1), calendar);
    }
}

/// <summary>Whose numbers a report shows: a Business Owner anyone's (or the company's); a Salesperson only its own.</summary>
internal static class ReportOwner
{
    /// <summary>The owner to filter by (null: the whole company), or the refusal.</summary>
    public static async Task<(long? OwnerId, ProblemHttpResult? Refused)> ResolveAsync(PipelineDb db, Access access, long? requested, CancellationToken ct)
    {
        if (!access.IsOwner)
        {
            return requested is null || requested == access.UserId
                ? (access.UserId, null)
                : (null, Problems.Forbidden("report.owner_forbidden", "A Salesperson sees only its own numbers."));
        }

        if (requested is { } ownerId && !await db.Members.AnyAsync(m => m.UserId == ownerId, ct))
            return (null, Problems.Field("ownerId", "No such user.", "report.owner_invalid"));
        return (requested, null);
    }

    /// <summary>Whether the caller asked for CSV (<c>?format=csv</c> or <c>Accept: text/csv</c>).</summary>
    public static bool WantsCsv(IReportRequest req, HttpContext http) =>
        req.Format == "csv" || (req.Format is null && http.Request.Headers.Accept.Any(a => a?.Contains("text/csv", StringComparison.OrdinalIgnoreCase) == true));

    public static bool English(HttpContext http) =>
        http.Request.Headers.AcceptLanguage.ToString().TrimStart().StartsWith("en", StringComparison.OrdinalIgnoreCase);
}
