using FastEndpoints;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Live;

/// <summary>
/// Server-Sent Events of deal changes for the caller's board (<c>deal.created</c>, <c>deal.updated</c>,
/// <c>deal.moved</c>, <c>deal.deleted</c>, <c>activity.created|updated|completed|deleted</c>, <c>import.progress</c> of the caller's imports, and a <c>ping</c> every 20 s so proxies keep the stream open).
/// </summary>
internal sealed class StreamBoardEvents(LiveFeed<BoardEvent> feed, ICurrentUser caller, ISessionGate gate, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/pipeline/events");
        Summary(s => s.Summary = "Live deal changes (Server-Sent Events)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var (tenantId, userId, isOwner) = (caller.TenantId, caller.UserId, caller.IsBusinessOwner);
        var (events, subscription) = feed.Subscribe(e => e.IsFor(tenantId, userId, isOwner));
        using (subscription)
        {
            HttpContext.Response.Headers.CacheControl = "no-cache";
            HttpContext.Response.Headers["X-Accel-Buffering"] = "no";
            await Send.EventStreamAsync(LiveStreaming.StreamAsync(events,
                e => new StreamItem(LiveStreaming.NewId(), e.Type, e.Import is { } import ? import
                    : e.IsAboutActivity ? new { e.ActivityId, e.DealId, e.LeadId, e.OwnerId }
                    : new { e.DealId, e.OwnerId, e.FromStageId, e.StageId } as object), gate, caller, clock, ct), ct);
        }
    }
}
