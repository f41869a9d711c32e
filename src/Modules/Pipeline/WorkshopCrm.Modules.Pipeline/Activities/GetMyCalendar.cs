using FastEndpoints;
using Ical.Net;
using Ical.Net.CalendarComponents;
using Ical.Net.DataTypes;
using Ical.Net.Serialization;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>The caller's secret iCalendar address (for Google Calendar, Outlook, the phone).</summary>
internal sealed class GetMyCalendar(CalendarAddresses addresses) : EndpointWithoutRequest<CalendarAddress>
{
    public override void Configure()
    {
        Get("/api/me/calendar");
        Summary(s => s.Summary = "My secret iCalendar feed address");
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await addresses.CurrentAsync(rotate: false, ct), ct);
}
