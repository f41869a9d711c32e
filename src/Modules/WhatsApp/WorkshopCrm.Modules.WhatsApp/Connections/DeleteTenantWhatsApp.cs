using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>The company is gone: its instance is logged out and deleted at the gateway, then its rows go.</summary>
internal sealed class DeleteTenantWhatsApp(ModuleDbFactory<WhatsAppDb> dbs, EvolutionClient gateway) : IdempotentConsumer<WorkshopCrm.Contracts.Identity.TenantDeleted, WhatsAppDb>(dbs)
{
    protected override long? TenantOf(WorkshopCrm.Contracts.Identity.TenantDeleted message) => message.TenantId;

    protected override async Task HandleAsync(WhatsAppDb db, WorkshopCrm.Contracts.Identity.TenantDeleted message, CancellationToken ct)
    {
        var instance = await db.Connections.Select(c => c.InstanceName).SingleOrDefaultAsync(ct);
        if (instance is not null)
            await gateway.LogoutAndDeleteAsync(instance, ct); // gateway away: the message is retried later
        await db.Templates.ExecuteDeleteAsync(ct);
        await db.Connections.ExecuteDeleteAsync(ct);
    }
}
