using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>The state changes of a connection, each announced.</summary>
internal static class ConnectionChanges
{
    /// <summary>The company's connection row, made (once, even for two calls at once) when it has none.</summary>
    public static async Task<WhatsAppConnection> FindOrCreateAsync(WhatsAppDb db, long tenantId, CancellationToken ct)
    {
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO whatsapp.whatsapp_connections (tenant_id, whatsapp_connection_status_id, created_at, updated_at)
             VALUES ({tenantId}, {ConnectionStatus.Disconnected}, now(), now())
             ON CONFLICT (tenant_id) DO NOTHING
             """, ct);
        return await db.Connections.SingleAsync(ct);
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
