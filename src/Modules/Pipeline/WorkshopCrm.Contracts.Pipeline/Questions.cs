namespace WorkshopCrm.Contracts.Pipeline;

/// <summary>Which phone numbers belong to leads this user can see? (WhatsApp: a Salesperson talks only to its leads.)</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user.</param>
/// <param name="IsBusinessOwner">A Business Owner sees every lead of the company.</param>
public sealed record VisibleLeadPhonesRequest(long TenantId, long UserId, bool IsBusinessOwner);

/// <summary>Pipeline's answer: the leads' phones as digits with country code.</summary>
/// <param name="Phones">Distinct phone numbers.</param>
public sealed record VisibleLeadPhonesAnswer(IReadOnlyList<string> Phones);

/// <summary>A lead's name and phone, when this user can see the lead (WhatsApp: the conversation on the lead and its deals).</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user asking.</param>
/// <param name="IsBusinessOwner">A Business Owner sees every lead of the company.</param>
/// <param name="LeadId">The lead.</param>
public sealed record LeadContactRequest(long TenantId, long UserId, bool IsBusinessOwner, long LeadId);

/// <summary>Pipeline's answer to <see cref="LeadContactRequest"/>.</summary>
/// <param name="Visible">False when there is no such lead, or the user may not see it.</param>
/// <param name="Name">The lead's name.</param>
/// <param name="Phone">The lead's phone as digits with country code, or null when it has none.</param>
/// <param name="OwnerName">The lead's owner's name (a template's {{vendedor}} when a Business Owner sends).</param>
public sealed record LeadContactAnswer(bool Visible, string? Name, string? Phone, string? OwnerName);

/// <summary>Which of these phones belong to leads this user can see, and their open deals (the WhatsApp screen's chats).</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user asking.</param>
/// <param name="IsBusinessOwner">A Business Owner sees every lead of the company.</param>
/// <param name="Phones">Digits with country code.</param>
public sealed record LeadsByPhonesRequest(long TenantId, long UserId, bool IsBusinessOwner, IReadOnlyList<string> Phones);

/// <summary>An open deal of a lead.</summary>
/// <param name="Id">The deal.</param>
/// <param name="Title">Its title.</param>
public sealed record PhoneLeadDeal(long Id, string Title);

/// <summary>A lead with one of the asked phones.</summary>
/// <param name="Phone">The phone as asked.</param>
/// <param name="LeadId">The lead.</param>
/// <param name="Name">Its name.</param>
/// <param name="OpenDeals">Its open deals the user can see.</param>
public sealed record PhoneLead(string Phone, long LeadId, string Name, IReadOnlyList<PhoneLeadDeal> OpenDeals);

/// <summary>Pipeline's answer to <see cref="LeadsByPhonesRequest"/>: the first lead (by id) of each phone that has one.</summary>
/// <param name="Leads">The leads found.</param>
public sealed record LeadsByPhonesAnswer(IReadOnlyList<PhoneLead> Leads);
