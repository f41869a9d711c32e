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
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var connection = await ConnectionChanges.LockOrCreateAsync(db, caller.TenantId, ct); // one per company, even for two clicks at once
        var name = identity.InstanceNameFor(caller.TenantId);
        QrCode? qr = null;
        string? state = null;
        if (connection.InstanceName is null)
        {
            try
            {
                (connection.InstanceId, qr) = await gateway.CreateInstanceAsync(name, identity.WebhookUrlFor(name), identity.WebhookSecretFor(name), ct);
            }
            catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.Forbidden)
            {
                // the name is in use: the instance exists at the gateway already (our row was lost); reuse it
            }

            connection.InstanceName = name;
            connection.UpdatedAt = clock.GetUtcNow();
            await db.SaveChangesAsync(ct);
        }

        if (qr?.DataUrl is null)
        {
            await gateway.SetWebhookAsync(name, identity.WebhookUrlFor(name), identity.WebhookSecretFor(name), ct);
            (qr, state) = await gateway.ConnectAsync(name, ct);
        }

        await transaction.CommitAsync(ct);
        await Send.OkAsync(state == "open"
            ? new ConnectView("Connected", null, null, connection.PhoneNumber)
            : new ConnectView("Connecting", qr?.DataUrl, qr?.PairingCode, null), ct);
    }
}
