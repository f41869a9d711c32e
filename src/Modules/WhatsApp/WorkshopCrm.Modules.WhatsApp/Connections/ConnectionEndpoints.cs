using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

internal sealed record ConnectionView(string Status, string? PhoneNumber, string? InstanceName, DateTimeOffset? UpdatedAt);

internal sealed record ConnectView(string Status, string? QrCode, string? PairingCode, string? PhoneNumber);

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
                Connections.MarkConnected(db, connection, await gateway.OwnerPhoneAsync(connection.InstanceName, ct), clock);
            else if (state != "open" && connection.IsConnected)
                Connections.MarkDisconnected(db, connection, clock, forgetInstance: false);
            await db.SaveChangesAsync(ct);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.NotFound)
        {
            // the gateway no longer has the instance (deleted there, or the gateway lost its data): it is not connected,
            // and the next Connect makes a new one instead of failing on the old name
            Connections.MarkDisconnected(db, connection, clock, forgetInstance: true);
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
        var connection = await Connections.LockOrCreateAsync(db, caller.TenantId, ct); // one per company, even for two clicks at once
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
            Connections.MarkDisconnected(db, connection, clock, forgetInstance: true);
            await db.SaveChangesAsync(ct);
        }

        await Send.NoContentAsync(ct);
    }
}

/// <summary>The state changes of a connection, each announced.</summary>
internal static class Connections
{
    public static async Task<WhatsAppConnection> LockOrCreateAsync(WhatsAppDb db, long tenantId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO whatsapp.whatsapp_connections (tenant_id, whatsapp_connection_status_id, created_at, updated_at)
             VALUES ({tenantId}, {ConnectionStatus.Disconnected}, now(), now())
             ON CONFLICT (tenant_id) DO NOTHING
             """, ct);
        return await db.Connections.FromSql($"SELECT * FROM whatsapp.whatsapp_connections WHERE tenant_id = {tenantId} FOR UPDATE").SingleAsync(ct);
    }

    public static void MarkConnected(WhatsAppDb db, WhatsAppConnection connection, string? phone, TimeProvider clock)
    {
        connection.WhatsappConnectionStatusId = ConnectionStatus.Connected;
        connection.PhoneNumber = phone ?? connection.PhoneNumber;
        db.Publish(new WhatsAppConnectionChanged(connection.TenantId, true, connection.PhoneNumber, clock.GetUtcNow()));
    }

    public static void MarkDisconnected(WhatsAppDb db, WhatsAppConnection connection, TimeProvider clock, bool forgetInstance)
    {
        connection.WhatsappConnectionStatusId = ConnectionStatus.Disconnected;
        connection.PhoneNumber = null;
        if (forgetInstance)
            (connection.InstanceName, connection.InstanceId) = (null, null);
        db.Publish(new WhatsAppConnectionChanged(connection.TenantId, false, null, clock.GetUtcNow()));
    }
}
