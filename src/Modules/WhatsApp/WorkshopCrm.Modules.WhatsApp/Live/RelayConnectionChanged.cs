using Npgsql;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.WhatsApp.Live;

/// <summary>Connection changes reach open screens too: claimed in the WhatsApp inbox and notified in one statement.</summary>
internal sealed class RelayConnectionChanged(NpgsqlDataSource dataSource) : IdempotentRelay<WhatsAppConnectionChanged>(dataSource)
{
    protected override string Schema => WhatsAppDb.SchemaName;

    protected override (string Channel, string Payload) Relay(WhatsAppConnectionChanged m) =>
        (ChatRelay.Channel, ChatRelay.Connection(m.TenantId, m.Connected, m.PhoneNumber));
}
