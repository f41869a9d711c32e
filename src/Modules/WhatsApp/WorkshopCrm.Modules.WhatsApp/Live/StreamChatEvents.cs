using FastEndpoints;
using MassTransit.Mediator;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Chats;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>
/// Server-Sent Events for the WhatsApp screen: <c>messages.upsert</c> (a Salesperson only for its leads' phones),
/// <c>qrcode.updated</c> and <c>connection.update</c>, and a <c>ping</c> every 20 s.
/// </summary>
internal sealed class StreamChatEvents(LiveFeed<ChatEvent> feed, IMediator mediator, ICurrentUser caller, ISessionGate gate, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/whatsapp/events");
        Summary(s => s.Summary = "Live WhatsApp messages and connection changes (Server-Sent Events)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var phones = caller.IsBusinessOwner ? null : (await LeadPhones.VisibleAsync(mediator, caller, ct)).ToHashSet();
        var tenantId = caller.TenantId;
        var (events, subscription) = feed.Subscribe(e => e.TenantId == tenantId
            && (e.Type != "messages.upsert" || phones is null || (e.Phone is not null && phones.Contains(e.Phone))));
        using (subscription)
        {
            HttpContext.Response.Headers.CacheControl = "no-cache";
            await Send.EventStreamAsync(LiveStreaming.StreamAsync(events, e => new StreamItem(LiveStreaming.NewId(), e.Type, new
            {
                e.RemoteJid, e.Phone, e.QrCode, e.Connected, e.PhoneNumber, e.Partial,
                message = e.Message is { } m ? new { m.Id, m.FromMe, m.Text, m.Timestamp, m.Status } : null,
            }), gate, caller, clock, ct), ct);
        }
    }
}
