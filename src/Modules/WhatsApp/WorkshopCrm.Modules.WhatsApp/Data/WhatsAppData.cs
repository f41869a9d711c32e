using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.WhatsApp.Data;

/// <summary>
/// WhatsApp's tables in the company's ZIP (ADR 0023): the connection (number and state; no secret: the webhook's is
/// derived, never stored, and Evolution's internal instance id stays out) and the saved replies. Messages are not
/// stored (seed note 8), so there are none to export.
/// </summary>
internal sealed class WhatsAppData : ITenantDataExport
{
    public string Schema => WhatsAppDb.SchemaName;

    public IReadOnlyList<ExportedTable> Tables { get; } =
    [
        new("whatsapp_connection_statuses", "SELECT id, name FROM whatsapp.whatsapp_connection_statuses ORDER BY id"),
        new("whatsapp_connections",
            """
            SELECT id, instance_name, phone_number, whatsapp_connection_status_id, created_at, updated_at
            FROM whatsapp.whatsapp_connections WHERE tenant_id = $1 ORDER BY id
            """),
        new("whatsapp_templates", "SELECT id, name, body, created_at, updated_at FROM whatsapp.whatsapp_templates WHERE tenant_id = $1 ORDER BY id"),
    ];

    public IReadOnlyDictionary<string, string> Withheld { get; } = new Dictionary<string, string>();
}
