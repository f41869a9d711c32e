namespace WorkshopCrm.Contracts.WhatsApp;

/// <summary>A company's WhatsApp connected (the phone scanned the QR) or disconnected.</summary>
/// <param name="TenantId">The company.</param>
/// <param name="Connected">True when it is connected now.</param>
/// <param name="PhoneNumber">The connected phone (digits), when connected.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record WhatsAppConnectionChanged(long TenantId, bool Connected, string? PhoneNumber, DateTimeOffset OccurredAt);
