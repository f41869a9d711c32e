namespace WorkshopCrm.Contracts.Identity;

// Questions other modules ask Identity through the request client (ARCHITECTURE.md), with Identity's answers.

/// <summary>May this Business Owner invite this e-mail, and what should the invitation say?</summary>
/// <param name="TenantId">The inviting company.</param>
/// <param name="InviterUserId">The Business Owner inviting.</param>
/// <param name="Email">The address to invite, normalised.</param>
public sealed record InvitationCheckRequest(long TenantId, long InviterUserId, string Email);

/// <summary>Identity's answer to <see cref="InvitationCheckRequest"/>.</summary>
/// <param name="InviterEmailVerified">Only owners with a verified e-mail may invite.</param>
/// <param name="InviterName">For the e-mail.</param>
/// <param name="CompanyName">For the e-mail.</param>
/// <param name="InviterLocale">The e-mail's language ("pt-BR" or "en").</param>
/// <param name="EmailBelongsToUser">True when any company already has a user with this e-mail.</param>
public sealed record InvitationCheckAnswer(bool InviterEmailVerified, string InviterName, string CompanyName, string InviterLocale, bool EmailBelongsToUser);

/// <summary>Display names of some users of a company.</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserIds">The users.</param>
public sealed record UserNamesRequest(long TenantId, IReadOnlyList<long> UserIds);

/// <summary>A user's id and display name.</summary>
/// <param name="UserId">The user.</param>
/// <param name="Name">Its display name.</param>
public sealed record UserName(long UserId, string Name);

/// <summary>Identity's answer to <see cref="UserNamesRequest"/>: the users that exist in that company.</summary>
/// <param name="Names">Id and name of each.</param>
public sealed record UserNamesAnswer(IReadOnlyList<UserName> Names);

/// <summary>A company's name, or null when it does not exist.</summary>
/// <param name="TenantId">The company.</param>
public sealed record CompanyNameRequest(long TenantId);

/// <summary>Identity's answer to <see cref="CompanyNameRequest"/>.</summary>
/// <param name="Name">The company's name, or null.</param>
public sealed record CompanyNameAnswer(string? Name);

/// <summary>Create an Active, e-mail-verified Salesperson who accepted an invitation, and sign it in.</summary>
/// <param name="TenantId">The inviting company.</param>
/// <param name="Email">The invited address.</param>
/// <param name="Name">The name the person typed.</param>
/// <param name="Password">The password the person chose (checked against the password policy).</param>
/// <param name="Locale">Language for future e-mails.</param>
public sealed record CreateInvitedUserRequest(long TenantId, string Email, string Name, string Password, string Locale);

/// <summary>Identity's answer to <see cref="CreateInvitedUserRequest"/>: signed in, or why not.</summary>
/// <param name="SignedIn">The new user's tokens, when created.</param>
/// <param name="FailureCode">e.g. "invitation.email_is_user", "identity.password_too_common".</param>
/// <param name="FailureField">The request field the failure is about, if any.</param>
/// <param name="FailureMessage">What to tell the person.</param>
public sealed record CreateInvitedUserAnswer(SignedInAnswer? SignedIn, string? FailureCode, string? FailureField, string? FailureMessage);

/// <summary>Everything needed to answer "tokens" (API.md) and set the refresh cookie.</summary>
/// <param name="Body">The response body.</param>
/// <param name="RefreshToken">For the crm_refresh cookie only, never a body.</param>
/// <param name="PersistentUntil">When the cookie should expire (remember me), or null for a browser-session cookie.</param>
public sealed record SignedInAnswer(TokensResponse Body, string RefreshToken, DateTimeOffset? PersistentUntil);

/// <summary>Where and how to write to one user of a company (a module that mails it: the daily activity digest).</summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user.</param>
public sealed record MailProfileRequest(long TenantId, long UserId);

/// <summary>Identity's answer to <see cref="MailProfileRequest"/>; <paramref name="Exists"/> false when there is no such user.</summary>
/// <param name="Exists">The user exists in that company.</param>
/// <param name="Email">Its address.</param>
/// <param name="Name">Its display name.</param>
/// <param name="Locale">Its language ("pt-BR" or "en").</param>
/// <param name="IsActive">False when the user is Inactive (it gets no mail).</param>
/// <param name="DailyDigest">Whether it wants the daily activity digest.</param>
/// <param name="CompanyName">Its company's name.</param>
public sealed record MailProfileAnswer(bool Exists, string Email, string Name, string Locale, bool IsActive, bool DailyDigest, string CompanyName);
