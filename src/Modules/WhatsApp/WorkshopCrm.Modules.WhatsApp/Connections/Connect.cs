using FastEndpoints;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>
/// Starts connecting the company's WhatsApp: creates its instance at the gateway the first time (webhook set at
/// creation, signed with the instance's secret), reconnects it afterwards, and answers the QR to scan.
/// </summary>
/// <remarks>
/// No transaction or lock is held across the gateway calls: the instance name is fixed per company, so two clicks at
/// once ask the gateway for the same name, one creates it and the other is refused and reuses it; the row is one per
/// company by its unique tenant_id.
/// </remarks>
internal sealed class Connect(WhatsAppDb db, EvolutionClient gateway, InstanceIdentity identity, ICurrentUser caller, TimeProvider clock) : EndpointWithoutRequest<ConnectView>
{
    public override void Configure()
    {
        Post("/api/whatsapp/connection");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Connect WhatsApp: returns the QR code to scan (Business Owner)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var connection = await ConnectionChanges.FindOrCreateAsync(db, caller.TenantId, ct);
        var name = identity.InstanceNameFor(caller.TenantId);
        ConnectAnswer? answer = null;
        if (connection.InstanceName is not null)
            answer = await ReconnectAsync(name, ct);
        if (answer is null)
        {
            QrCode? qr = null;
            try
            {
                (connection.InstanceId, qr) = await gateway.CreateInstanceAsync(name, identity.WebhookUrlFor(name), identity.WebhookSecretFor(name), ct);
            }
            catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.Forbidden)
            {
                // the name is in use: a click at the same moment made it, or our row was lost; reuse it
            }

            connection.InstanceName = name;
            connection.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
            answer = qr?.DataUrl is null ? await ReconnectAsync(name, ct) : new ConnectAnswer(qr, null);
        }

        await Send.OkAsync(answer?.State == "open"
            ? new ConnectView("Connected", null, null, connection.PhoneNumber)
            : new ConnectView("Connecting", answer?.Qr?.DataUrl, answer?.Qr?.PairingCode, null), ct);
    }

    /// <summary>Asks the gateway for a QR for the instance; null when the gateway no longer has it.</summary>
    private async Task<ConnectAnswer?> ReconnectAsync(string name, CancellationToken ct)
    {
        try
        {
            await gateway.SetWebhookAsync(name, identity.WebhookUrlFor(name), identity.WebhookSecretFor(name), ct);
            return await gateway.ConnectAsync(name, ct);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.NotFound)
        {
            return null; // deleted there, or the gateway lost its data: made anew
        }
    }
}
