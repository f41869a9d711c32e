using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>The company's one WhatsApp connection through Evolution API (seed note 8: messages are not stored).</summary>
internal sealed class WhatsAppConnection : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long WhatsappConnectionStatusId { get; set; }
    public string? InstanceName { get; set; }
    public string? InstanceId { get; set; }
    public string? PhoneNumber { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public bool IsConnected => WhatsappConnectionStatusId == ConnectionStatus.Connected;
}

/// <summary>whatsapp.whatsapp_connection_statuses.</summary>
internal sealed class ConnectionStatus : IHasTimestamps
{
    public const long Connected = 1;
    public const long Disconnected = 2;

    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
