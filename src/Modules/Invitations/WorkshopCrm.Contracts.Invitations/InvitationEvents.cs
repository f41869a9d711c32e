namespace WorkshopCrm.Contracts.Invitations;

/// <summary>
/// An invitation was sent (or sent again): its consumer e-mails the link. It carries the token, so the outbox blanks
/// it once delivered (the table keeps only the token's hash).
/// </summary>
/// <param name="InvitationId">The invitation.</param>
/// <param name="TenantId">The inviting company.</param>
/// <param name="Email">Who is invited.</param>
/// <param name="Token">The link's secret.</param>
/// <param name="CompanyName">For the e-mail.</param>
/// <param name="InviterName">For the e-mail.</param>
/// <param name="Locale">The e-mail's language.</param>
/// <param name="ExpiresAt">When the link stops working.</param>
/// <param name="OccurredAt">When it was sent (UTC).</param>
public sealed record InvitationSent(
    long InvitationId, long TenantId, string Email, string Token, string CompanyName, string InviterName, string Locale, DateTimeOffset ExpiresAt, DateTimeOffset OccurredAt);
