using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

internal sealed record ConnectionView(string Status, string? PhoneNumber, string? InstanceName, DateTimeOffset? UpdatedAt);

/// <summary>
/// The company's WhatsApp status: Connected, Connecting (a QR is waiting to be scanned) or Disconnected. It answers the
/// gateway's live state, so a missed webhook does not show a stale status; when the stored status differs it asks the
/// <see cref="ConnectionHealer"/> to mend it, and writes nothing itself. When the gateway does not answer, the last
/// known status is shown.
/// </summary>
internal sealed class GetConnection(WhatsAppDb db, EvolutionClient gateway, ConnectionHealer healer) : EndpointWithoutRequest<ConnectionView>
{
    public override void Configure()
    {
        Get("/api/whatsapp/connection");
        Summary(s => s.Summary = "WhatsApp connection status");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var connection = await db.Connections.AsNoTracking().SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is not { } name)
        {
            await Send.OkAsync(new ConnectionView("Disconnected", null, null, connection?.UpdatedAt), ct);
            return;
        }

        var (connected, phone, state) = (connection.IsConnected, connection.PhoneNumber, (string?)null);
        try
        {
            state = await gateway.ConnectionStateAsync(name, ct);
            connected = state == "open";
            if (connected && phone is null)
                phone = await gateway.OwnerPhoneAsync(name, ct);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.NotFound)
        {
            // the gateway no longer has the instance: not connected, and the next Connect makes a new one
            (connected, name) = (false, null);
        }
        catch (DependencyUnavailableException)
        {
            // the gateway is away: the last known status is still the best answer
        }

        if (connected != connection.IsConnected || name is null)
            healer.Check(connection.TenantId);
        // A QR waiting to be scanned (say the page was reloaded mid-connect) is Connecting, as POST answered it.
        var status = connected ? "Connected" : state == "connecting" ? "Connecting" : "Disconnected";
        await Send.OkAsync(new ConnectionView(status, connected ? phone : null, name, connection.UpdatedAt), ct);
    }
}
