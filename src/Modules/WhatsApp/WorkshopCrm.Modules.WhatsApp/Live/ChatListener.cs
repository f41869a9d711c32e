using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.WhatsApp.Live;

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
