using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Conversations;

/// <summary>
/// pipeline.whatsapp_conversations: when the company last heard from a phone and last wrote to it — times only,
/// never text (seed note 8), kept from WhatsApp's events. "Awaiting reply" is a last message in after the last out.
/// </summary>
internal sealed class WhatsAppConversation : ITenantScoped
{
    public long TenantId { get; set; }

    /// <summary>Digits with the country code, as leads.phone_digits has them.</summary>
    public required string Phone { get; set; }

    public DateTimeOffset? LastInAt { get; set; }
    public DateTimeOffset? LastOutAt { get; set; }
}

/// <summary>The shadow property of leads.phone_digits: pipeline.phone_digits(phone), stored, as WhatsApp numbers are written.</summary>
internal static class LeadPhone
{
    public const string Column = "PhoneDigits";
}
