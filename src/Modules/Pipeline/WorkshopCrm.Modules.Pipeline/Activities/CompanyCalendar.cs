using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Board;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>A moment as the company's wall clock shows it (Pipeline:TimeZone).</summary>
internal readonly record struct CompanyMoment(DateOnly Today, TimeOnly Time)
{
    /// <summary>
    /// Late: due on an earlier day, or today at a time already past. An all-day activity is late only from the next day.
    /// </summary>
    public bool IsOverdue(DateOnly dueDate, TimeOnly? dueTime) => dueDate < Today || (dueDate == Today && dueTime is { } at && at < Time);
}

/// <summary>
/// The company's calendar: activities are due on the company's days (a date, and maybe a time of day, in
/// Pipeline:TimeZone), so "today", "overdue" and the 07:00 digest follow São Paulo's clock, not the server's or UTC.
/// </summary>
internal sealed class CompanyCalendar(IOptions<PipelineOptions> options, TimeProvider clock)
{
    public TimeZoneInfo Zone { get; } = TimeZoneInfo.FindSystemTimeZoneById(options.Value.TimeZone);

    /// <summary>The zone's IANA name, as PostgreSQL knows it (a Windows name in Pipeline:TimeZone is translated).</summary>
    public string IanaZoneId => Zone.HasIanaId || !TimeZoneInfo.TryConvertWindowsIdToIanaId(Zone.Id, out var iana) ? Zone.Id : iana;

    public CompanyMoment Now() => At(clock.GetUtcNow());

    public CompanyMoment At(DateTimeOffset instant)
    {
        var local = TimeZoneInfo.ConvertTime(instant, Zone).DateTime;
        return new CompanyMoment(DateOnly.FromDateTime(local), TimeOnly.FromDateTime(local));
    }

    /// <summary>The company's wall-clock time at <paramref name="instant"/> (what a person of the company reads on a file).</summary>
    public DateTime Local(DateTimeOffset instant) => TimeZoneInfo.ConvertTime(instant, Zone).DateTime;

    /// <summary>The instant (UTC, as Npgsql writes it) the company's clock shows <paramref name="day"/> at <paramref name="time"/>.</summary>
    public DateTimeOffset InstantOf(DateOnly day, TimeOnly time)
    {
        var local = day.ToDateTime(time, DateTimeKind.Unspecified);
        // A time skipped by a daylight-saving jump does not exist; an hour later does.
        if (Zone.IsInvalidTime(local))
            local = local.AddHours(1);
        return new DateTimeOffset(local, Zone.GetUtcOffset(local)).ToUniversalTime();
    }
}
