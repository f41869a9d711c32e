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

/// <summary>A new address; the old one stops working at once.</summary>
internal sealed class RotateMyCalendar(CalendarAddresses addresses) : EndpointWithoutRequest<CalendarAddress>
{
    public override void Configure()
    {
        Post("/api/me/calendar/rotate");
        Summary(s => s.Summary = "Make a new iCalendar feed address and kill the old one");
    }

    public override async Task HandleAsync(CancellationToken ct) => await Send.OkAsync(await addresses.CurrentAsync(rotate: true, ct), ct);
}
