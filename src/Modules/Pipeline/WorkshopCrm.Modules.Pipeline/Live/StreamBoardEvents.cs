using System.Runtime.CompilerServices;
using FastEndpoints;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Live;

/// <summary>
/// Server-Sent Events of deal changes for the caller's board (<c>deal.created</c>, <c>deal.updated</c>,
/// <c>deal.moved</c>, <c>deal.deleted</c>, and a <c>ping</c> every 20 s so proxies keep the stream open).
/// </summary>
internal sealed class StreamBoardEvents(BoardFeed feed, ICurrentUser caller, TimeProvider clock) : EndpointWithoutRequest
{
    private static readonly TimeSpan Heartbeat = TimeSpan.FromSeconds(20);

    public override void Configure()
    {
        Get("/api/pipeline/events");
        Summary(s => s.Summary = "Live deal changes (Server-Sent Events)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        using var subscription = feed.Subscribe(caller.TenantId, caller.UserId, caller.IsBusinessOwner);
        HttpContext.Response.Headers.CacheControl = "no-cache";
        HttpContext.Response.Headers["X-Accel-Buffering"] = "no";
        await Send.EventStreamAsync(ItemsAsync(subscription, ct), ct);
    }

    private async IAsyncEnumerable<StreamItem> ItemsAsync(BoardFeed.Subscription subscription, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new StreamItem(Guid.NewGuid().ToString("N"), "ready", new { });
        while (!ct.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            heartbeat.CancelAfter(Heartbeat);
            BoardEvent? next = null;
            try
            {
                next = await subscription.Events.ReadAsync(heartbeat.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            yield return next is null
                ? new StreamItem(Guid.NewGuid().ToString("N"), "ping", new { at = clock.GetUtcNow() })
                : new StreamItem(Guid.NewGuid().ToString("N"), next.Type, new { next.DealId, next.OwnerId, next.FromStageId, next.StageId });
        }
    }
}
