using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>Disconnects: logs the phone out and deletes the instance at the gateway; the row keeps only its status.</summary>
internal sealed class Disconnect(WhatsAppDb db, EvolutionClient gateway, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Delete("/api/whatsapp/connection");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Disconnect WhatsApp (Business Owner)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is { } name)
        {
            await gateway.LogoutAndDeleteAsync(name, ct);
            ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: true);
            await db.SaveChangesAsync(ct);
        }

        await Send.NoContentAsync(ct);
    }
}
