using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>A fresh QR while connecting (QR codes rotate every few seconds).</summary>
internal sealed class GetQr(WhatsAppDb db, EvolutionClient gateway) : EndpointWithoutRequest<ConnectView>
{
    public override void Configure()
    {
        Get("/api/whatsapp/connection/qr");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "A fresh QR code while connecting (Business Owner)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is null)
        {
            await Send.ResultAsync(WorkshopCrm.Shared.Http.Problems.Conflict("whatsapp.not_connecting", "Start connecting first."));
            return;
        }

        var (qr, state) = await gateway.ConnectAsync(connection.InstanceName, ct);
        await Send.OkAsync(state == "open" ? new ConnectView("Connected", null, null, connection.PhoneNumber) : new ConnectView("Connecting", qr?.DataUrl, qr?.PairingCode, null), ct);
    }
}
