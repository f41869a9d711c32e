namespace WorkshopCrm.Contracts.Identity;

/// <summary>
/// A user was set Inactive: it can no longer sign in; its sessions are gone; its data stays, or passes to
/// <paramref name="HandOverTo"/> when the Business Owner chose one (Pipeline applies that once: its open deals and
/// its leads change owner).
/// </summary>
/// <param name="UserId">The user.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
/// <param name="HandOverTo">An active user of the same company who takes over its open deals and leads, or null.</param>
public sealed record UserDeactivated(long UserId, long TenantId, DateTimeOffset OccurredAt, long? HandOverTo = null);

/// <summary>An Inactive user was set Active again.</summary>
/// <param name="UserId">The user.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record UserReactivated(long UserId, long TenantId, DateTimeOffset OccurredAt);

/// <summary>A user's name or e-mail changed; projections copy the new values.</summary>
/// <param name="UserId">The user.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="Name">The display name now.</param>
/// <param name="Email">The e-mail now.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record UserProfileChanged(long UserId, long TenantId, string Name, string Email, DateTimeOffset OccurredAt);

/// <summary>
/// A company deleted itself. Identity has already removed its own rows; every module with tenant data must consume
/// this and delete all of the tenant's rows (docs/modules.md).
/// </summary>
/// <param name="TenantId">The tenant that no longer exists.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record TenantDeleted(long TenantId, DateTimeOffset OccurredAt);

/// <summary>Identity's own work item: e-mail a fresh verification link to the user (resend).</summary>
/// <param name="UserId">The user.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="OccurredAt">When it was asked for (UTC).</param>
public sealed record EmailVerificationRequested(long UserId, long TenantId, DateTimeOffset OccurredAt);

/// <summary>
/// Identity's own work item: someone asked to reset the password of this e-mail. Raised whether or not an account
/// exists (so the request reveals nothing); the consumer e-mails a link only when one does.
/// </summary>
/// <param name="Email">The address as typed, normalised.</param>
/// <param name="OccurredAt">When it was asked for (UTC).</param>
public sealed record PasswordResetRequested(string Email, DateTimeOffset OccurredAt);
