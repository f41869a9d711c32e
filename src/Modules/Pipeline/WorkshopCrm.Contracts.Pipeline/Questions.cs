namespace WorkshopCrm.Contracts.Pipeline;

/// <summary>Which phone numbers belong to leads this user can see? (WhatsApp: a Salesperson talks only to its leads.)</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user.</param>
/// <param name="IsBusinessOwner">A Business Owner sees every lead of the company.</param>
public sealed record VisibleLeadPhonesRequest(long TenantId, long UserId, bool IsBusinessOwner);

/// <summary>Pipeline's answer: the leads' phones as digits with country code.</summary>
/// <param name="Phones">Distinct phone numbers.</param>
public sealed record VisibleLeadPhonesAnswer(IReadOnlyList<string> Phones);
