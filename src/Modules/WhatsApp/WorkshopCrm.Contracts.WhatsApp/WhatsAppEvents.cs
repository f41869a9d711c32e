namespace WorkshopCrm.Contracts.WhatsApp;

/// <summary>A company's WhatsApp connected (the phone scanned the QR) or disconnected.</summary>
/// <param name="TenantId">The company.</param>
/// <param name="Connected">True when it is connected now.</param>
/// <param name="PhoneNumber">The connected phone (digits), when connected.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record WhatsAppConnectionChanged(long TenantId, bool Connected, string? PhoneNumber, DateTimeOffset OccurredAt);

/// <summary>
/// A WhatsApp message went between the company and a phone: only when and which way, never its text (seed note 8).
/// Pipeline keeps "awaiting reply" and the deals' timelines from it.
/// </summary>
/// <param name="TenantId">The company.</param>
/// <param name="Phone">The other side's phone, digits with country code.</param>
/// <param name="FromMe">True when the company sent it.</param>
/// <param name="At">When the message was sent or received (UTC).</param>
/// <param name="MessageId">The gateway's message id (the same message reported twice is one).</param>
/// <param name="OccurredAt">When it was seen (UTC).</param>
public sealed record WhatsAppMessageSeen(long TenantId, string Phone, bool FromMe, DateTimeOffset At, string MessageId, DateTimeOffset OccurredAt);
