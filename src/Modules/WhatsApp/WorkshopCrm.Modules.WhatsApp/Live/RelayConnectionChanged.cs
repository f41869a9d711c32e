using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>Connection changes reach open screens too.</summary>
internal sealed class RelayConnectionChanged(ModuleDbFactory<WhatsAppDb> dbs, ChatRelay relay) : IdempotentConsumer<WhatsAppConnectionChanged, WhatsAppDb>(dbs)
{
    protected override long? TenantOf(WhatsAppConnectionChanged message) => message.TenantId;

    protected override Task HandleAsync(WhatsAppDb db, WhatsAppConnectionChanged message, CancellationToken ct) =>
        relay.ConnectionAsync(message.TenantId, message.Connected, message.PhoneNumber, ct);
}
