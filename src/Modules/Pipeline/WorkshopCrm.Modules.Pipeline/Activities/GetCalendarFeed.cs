using FastEndpoints;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Shared.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Activities;

internal sealed record CalendarFeedRequest(string Token);

/// <summary>
/// The feed itself (RFC 5545): the user's open activities, all-day ones as dates and timed ones in the company's time
/// zone, for anyone holding the address (calendar apps send no credentials). An address this server did not make, an
/// older version, or a user no longer active: 404, all alike.
/// </summary>
internal sealed class GetCalendarFeed(ModuleDbFactory<PipelineDb> dbs, CalendarTokens tokens, CompanyCalendar calendar, IOptions<AppOptions> app)
    : Endpoint<CalendarFeedRequest, Results<ContentHttpResult, ProblemHttpResult>>
{
    /// <summary>The most a feed carries: the earliest open ones first (a calendar app is not an archive).</summary>
    public const int MaxEvents = 2_000;

    public override void Configure()
    {
        Get("/api/calendar/{token}.ics");
        AllowAnonymous();
        Summary(s => s.Summary = "A personal iCalendar feed of open activities (secret address)");
    }

    public override async Task<Results<ContentHttpResult, ProblemHttpResult>> ExecuteAsync(CalendarFeedRequest req, CancellationToken ct)
    {
        if (tokens.Read(req.Token) is not { } feed)
            return NoSuchFeed;

        await using var db = dbs.ForTenant(feed.TenantId);
        var live = await db.CalendarFeeds.AnyAsync(f => f.UserId == feed.UserId && f.Version == feed.Version, ct)
            && await db.Members.AnyAsync(m => m.UserId == feed.UserId && m.IsActive, ct);
        if (!live)
            return NoSuchFeed;

        var rows = await ActivityRow.Of(db, db.Activities.AsNoTracking()
                .Where(a => a.UserId == feed.UserId && a.DoneAt == null)
                .OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Take(MaxEvents))
            .ToListAsync(ct);
        HttpContext.Response.Headers.CacheControl = "private, max-age=300";
        return TypedResults.Text(Serialize(rows), "text/calendar; charset=utf-8");
    }

    private static ProblemHttpResult NoSuchFeed => Problems.NotFound("calendar.not_found", "No such calendar: the address is wrong or was replaced by a new one.");

    private string Serialize(List<ActivityRow> rows)
    {
        var zone = calendar.Zone.Id;
        var ics = new Calendar { ProductId = "-//Workshop CRM//Agenda//PT-BR" };
        ics.AddProperty("X-WR-CALNAME", "Workshop CRM");
        ics.AddTimeZone(new VTimeZone(zone));
        foreach (var a in rows)
        {
            var e = new CalendarEvent
            {
                Uid = $"activity-{a.Id}@workshop-crm",
                Summary = $"{ActivityType.NameOf(a.TypeId)}: {a.Subject} — {a.LeadName}",
                Description = string.Join("\n", new[]
                {
                    a.DealTitle is null ? null : $"Deal: {a.DealTitle}",
                    a.LeadPhone is null ? null : $"{a.LeadName}: {a.LeadPhone}",
                    a.Notes,
                }.Where(x => x is not null)),
                Url = new Uri(app.Value.LinkTo("agenda")),
                DtStamp = new CalDateTime((a.UpdatedAt ?? a.CreatedAt ?? DateTimeOffset.UnixEpoch).UtcDateTime, "UTC"),
            };
            if (a.DueTime is { } time)
            {
                var start = a.DueDate.ToDateTime(time);
                e.Start = new CalDateTime(start, zone);
                e.End = new CalDateTime(start.AddMinutes(a.DurationMinutes ?? 30), zone);
            }
            else
            {
                e.Start = new CalDateTime(a.DueDate.Year, a.DueDate.Month, a.DueDate.Day);
                e.End = new CalDateTime(a.DueDate.AddDays(1).Year, a.DueDate.AddDays(1).Month, a.DueDate.AddDays(1).Day);
            }

            ics.Events.Add(e);
        }

        return new CalendarSerializer().SerializeToString(ics) ?? "";
    }
}
