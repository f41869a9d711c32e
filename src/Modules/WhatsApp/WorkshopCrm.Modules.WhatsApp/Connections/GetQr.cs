using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>A fresh QR while connecting (QR codes rotate every few seconds).</summary>
internal sealed class GetQr(WhatsAppDb db, EvolutionClient gateway) : EndpointWithoutRequest<Results<Ok<ConnectView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/connection/qr");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "A fresh QR code while connecting (Business Owner)");
    }

    public override async Task<Results<Ok<ConnectView>, ProblemHttpResult>> ExecuteAsync(CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is null)
            return WorkshopCrm.Shared.Http.Problems.Conflict("whatsapp.not_connecting", "Start connecting first.");

        var (qr, state) = await gateway.ConnectAsync(connection.InstanceName, ct);
        return TypedResults.Ok(state == "open" ? new ConnectView("Connected", null, null, connection.PhoneNumber) : new ConnectView("Connecting", qr?.DataUrl, qr?.PairingCode, null));
    }
}
