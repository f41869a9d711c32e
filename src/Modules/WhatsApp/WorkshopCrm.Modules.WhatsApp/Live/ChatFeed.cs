using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Text.Json;
using System.Threading.Channels;
using FastEndpoints;
using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>Something an open WhatsApp screen should show: a message, a new QR, a connection change.</summary>
internal sealed record ChatEvent(string Type, long TenantId, string? RemoteJid, string? Phone, GatewayMessage? Message, string? QrCode, bool? Connected, string? PhoneNumber);

/// <summary>
/// Fans WhatsApp events out to every Host instance's open screens: a webhook lands on one instance, which NOTIFYs a
/// channel all instances LISTEN to (as the board does).
/// </summary>
internal sealed class ChatRelay(NpgsqlDataSource dataSource)
{
    public const string Channel = "whatsapp_live";
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

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
        notify.Parameters.Add(new NpgsqlParameter<string> { TypedValue = JsonSerializer.Serialize(e, Json) });
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

/// <summary>This instance's open WhatsApp screens.</summary>
internal sealed class ChatFeed
{
    private readonly ConcurrentDictionary<Guid, (long TenantId, Func<ChatEvent, bool> Wants, Channel<ChatEvent> Channel)> _screens = new();

    public (ChannelReader<ChatEvent> Events, IDisposable Subscription) Subscribe(long tenantId, Func<ChatEvent, bool> wants)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<ChatEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _screens[id] = (tenantId, wants, channel);
        return (channel.Reader, new Unsubscribe(() => _screens.TryRemove(id, out _)));
    }

    public void Publish(ChatEvent e)
    {
        foreach (var screen in _screens.Values)
        {
            if (screen.TenantId == e.TenantId && screen.Wants(e))
                screen.Channel.Writer.TryWrite(e);
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>This instance's ear on the WhatsApp relay channel (on the Host's one LISTEN connection).</summary>
internal sealed class ChatListener : IHostedService
{
    public ChatListener(PostgresNotifications notifications, ChatFeed feed) =>
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
internal sealed class StreamChatEvents(ChatFeed feed, IMediator mediator, ICurrentUser caller, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/whatsapp/events");
        Summary(s => s.Summary = "Live WhatsApp messages and connection changes (Server-Sent Events)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var phones = caller.IsBusinessOwner ? null : (await LeadPhones.VisibleAsync(mediator, caller, ct)).ToHashSet();
        var (events, subscription) = feed.Subscribe(caller.TenantId,
            e => e.Type != "messages.upsert" || phones is null || (e.Phone is not null && phones.Contains(e.Phone)));
        using (subscription)
        {
            HttpContext.Response.Headers.CacheControl = "no-cache";
            await Send.EventStreamAsync(ItemsAsync(events, ct), ct);
        }
    }

    private async IAsyncEnumerable<StreamItem> ItemsAsync(ChannelReader<ChatEvent> events, [EnumeratorCancellation] CancellationToken ct)
    {
        yield return new StreamItem(Guid.NewGuid().ToString("N"), "ready", new { });
        while (!ct.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            heartbeat.CancelAfter(TimeSpan.FromSeconds(20));
            ChatEvent? next = null;
            try
            {
                next = await events.ReadAsync(heartbeat.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            yield return next is null
                ? new StreamItem(Guid.NewGuid().ToString("N"), "ping", new { at = clock.GetUtcNow() })
                : new StreamItem(Guid.NewGuid().ToString("N"), next.Type, new
                {
                    next.RemoteJid, next.Phone, next.QrCode, next.Connected, next.PhoneNumber,
                    message = next.Message is { } m ? new { m.Id, m.FromMe, m.Text, m.Timestamp, m.Status } : null,
                });
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
