using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

internal sealed record ConnectionView(string Status, string? PhoneNumber, string? InstanceName, DateTimeOffset? UpdatedAt);

/// <summary>
/// The company's WhatsApp status: Connected, Connecting (a QR is waiting to be scanned) or Disconnected. It also asks the
/// gateway for the live state, so a missed webhook heals here; when the gateway does not answer, the last known status
/// is shown.
/// </summary>
internal sealed class GetConnection(WhatsAppDb db, EvolutionClient gateway, TimeProvider clock) : EndpointWithoutRequest<ConnectionView>
{
    public override void Configure()
    {
        Get("/api/whatsapp/connection");
        Summary(s => s.Summary = "WhatsApp connection status");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var connection = await db.Connections.SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is null)
        {
            await Send.OkAsync(new ConnectionView("Disconnected", null, null, connection?.UpdatedAt), ct);
            return;
        }

        string? state = null;
        try
        {
            state = await gateway.ConnectionStateAsync(connection.InstanceName, ct);
            if (state == "open" && !connection.IsConnected)
                ConnectionChanges.MarkConnected(db, connection, await gateway.OwnerPhoneAsync(connection.InstanceName, ct), clock);
            else if (state != "open" && connection.IsConnected)
                ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: false);
            await db.SaveChangesAsync(ct);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.NotFound)
        {
            // the gateway no longer has the instance (deleted there, or the gateway lost its data): it is not connected,
            // and the next Connect makes a new one instead of failing on the old name
            ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: true);
            await db.SaveChangesAsync(ct);
        }
        catch (WorkshopCrm.Shared.Http.DependencyUnavailableException)
        {
            // the gateway is away: the last known status is still the best answer
        }

        // A QR waiting to be scanned (say the page was reloaded mid-connect) is Connecting, as POST answered it.
        var status = connection.IsConnected ? "Connected" : state == "connecting" ? "Connecting" : "Disconnected";
        await Send.OkAsync(new ConnectionView(status, connection.PhoneNumber, connection.InstanceName, connection.UpdatedAt), ct);
    }
}
