using System.Text.Json;
using FastEndpoints;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>
/// Something an open WhatsApp screen should show: a message, a new QR, a connection change. <see cref="Partial"/>: the
/// relay cut the message's text (or left the QR out) to fit a notification; the screen reads the rest from the gateway.
/// </summary>
internal sealed record ChatEvent(
    string Type, long TenantId, string? RemoteJid, string? Phone, GatewayMessage? Message, string? QrCode, bool? Connected, string? PhoneNumber,
    bool Partial = false);

/// <summary>
/// Fans WhatsApp events out to every Host instance's open screens: a webhook lands on one instance, which NOTIFYs a
/// channel all instances LISTEN to (as the board does).
/// </summary>
internal sealed class ChatRelay(NpgsqlDataSource dataSource)
{
    public const string Channel = "whatsapp_live";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    /// <summary>pg_notify refuses payloads of 8,000 bytes and more; the relay stays well under.</summary>
    public const int MaxPayloadBytes = 7_000;

    /// <summary>How much of a long message's text travels in the notification (the screen fetches the whole message).</summary>
    public const int CutTextAt = 500;

    /// <summary>The event as JSON, never larger than <see cref="MaxPayloadBytes"/>: a long text is cut and a big QR left out.</summary>
    internal static string Bounded(ChatEvent e)
    {
        var json = JsonSerializer.Serialize(e, Json);
        if (System.Text.Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes)
            return json;
        var cut = e with
        {
            Message = e.Message is { Text.Length: > CutTextAt } m ? m with { Text = m.Text[..CutTextAt] } : e.Message,
            QrCode = null,
            Partial = true,
        };
        json = JsonSerializer.Serialize(cut, Json);
        // Whatever else made it big (it cannot be the text now): the screen is told only that something happened.
        return System.Text.Encoding.UTF8.GetByteCount(json) <= MaxPayloadBytes ? json : JsonSerializer.Serialize(cut with { Message = null }, Json);
    }

    public Task MessageAsync(long tenantId, string remoteJid, string? phone, GatewayMessage message, CancellationToken ct) =>
        NotifyAsync(new ChatEvent("messages.upsert", tenantId, remoteJid, phone, message, null, null, null), ct);

    public Task QrAsync(long tenantId, string? qr, CancellationToken ct) =>
        NotifyAsync(new ChatEvent("qrcode.updated", tenantId, null, null, null, qr, null, null), ct);

    public Task ConnectionAsync(long tenantId, bool connected, string? phone, CancellationToken ct) =>
        NotifyAsync(new ChatEvent("connection.update", tenantId, null, null, null, null, connected, phone), ct);

    private async Task NotifyAsync(ChatEvent e, CancellationToken ct)
    {
        await using var notify = dataSource.CreateCommand("SELECT pg_notify($1, $2)");
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Channel });
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = Bounded(e) });
        await notify.ExecuteNonQueryAsync(ct);
    }
}

/// <summary>Connection changes reach open screens too.</summary>
internal sealed class RelayConnectionChanged(IServiceProvider services, ChatRelay relay) : IdempotentConsumer<WhatsAppConnectionChanged, WhatsAppDb>(services)
{
    protected override long? TenantOf(WhatsAppConnectionChanged message) => message.TenantId;

    protected override Task HandleAsync(WhatsAppDb db, WhatsAppConnectionChanged message, CancellationToken ct) =>
        relay.ConnectionAsync(message.TenantId, message.Connected, message.PhoneNumber, ct);
}

/// <summary>This instance's ear on the WhatsApp relay channel (on the Host's one LISTEN connection).</summary>
internal sealed class ChatListener : IHostedService
{
    public ChatListener(PostgresNotifications notifications, LiveFeed<ChatEvent> feed) =>
        notifications.Subscribe(ChatRelay.Channel, payload =>
        {
            if (JsonSerializer.Deserialize<ChatEvent>(payload, ChatRelay.Json) is { } e)
                feed.Publish(e);
        });

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

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
            await Send.EventStreamAsync(LiveStream.StreamAsync(events, e => new StreamItem(LiveStream.NewId(), e.Type, new
            {
                e.RemoteJid, e.Phone, e.QrCode, e.Connected, e.PhoneNumber, e.Partial,
                message = e.Message is { } m ? new { m.Id, m.FromMe, m.Text, m.Timestamp, m.Status } : null,
            }), gate, caller, clock, ct), ct);
        }
    }
}

/// <summary>Which phones a caller may talk to: a Business Owner any; a Salesperson its leads' (asked of Pipeline).</summary>
internal static class LeadPhones
{
    public static async Task<IReadOnlyList<string>> VisibleAsync(IMediator mediator, ICurrentUser caller, CancellationToken ct) =>
        (await mediator.CreateRequestClient<VisibleLeadPhonesRequest>().GetResponse<VisibleLeadPhonesAnswer>(
            new VisibleLeadPhonesRequest(caller.TenantId, caller.UserId, caller.IsBusinessOwner), ct)).Message.Phones;
}

/// <summary>The company is gone: its instance is logged out and deleted at the gateway, then its rows go.</summary>
internal sealed class DeleteTenantWhatsApp(IServiceProvider services, EvolutionClient gateway) : IdempotentConsumer<WorkshopCrm.Contracts.Identity.TenantDeleted, WhatsAppDb>(services)
{
    protected override long? TenantOf(WorkshopCrm.Contracts.Identity.TenantDeleted message) => message.TenantId;

    protected override async Task HandleAsync(WhatsAppDb db, WorkshopCrm.Contracts.Identity.TenantDeleted message, CancellationToken ct)
    {
        var instance = await db.Connections.Select(c => c.InstanceName).SingleOrDefaultAsync(ct);
        if (instance is not null)
            await gateway.LogoutAndDeleteAsync(instance, ct); // gateway away: the message is retried later
        await db.Connections.ExecuteDeleteAsync(ct);
    }
}
