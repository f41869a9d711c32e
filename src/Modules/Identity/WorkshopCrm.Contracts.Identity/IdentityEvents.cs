namespace WorkshopCrm.Contracts.Identity;

/// <summary>Role ids as seeded in identity.roles (and copied into other modules' projections).</summary>
public static class RoleIds
{
    /// <summary>Business Owner: sees and manages everything of the tenant.</summary>
    public const long BusinessOwner = 1;

    /// <summary>Salesperson: works its own leads and deals.</summary>
    public const long Salesperson = 2;
}

/// <summary>A company signed up; its first user is the Business Owner.</summary>
/// <param name="TenantId">The new tenant.</param>
/// <param name="CompanyName">The company name given at sign-up.</param>
/// <param name="OwnerUserId">The Business Owner who signed up.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record TenantRegistered(long TenantId, string CompanyName, long OwnerUserId, DateTimeOffset OccurredAt);

/// <summary>A user now exists in a tenant: the owner at sign-up, or a salesperson who accepted an invitation.</summary>
/// <param name="UserId">The user.</param>
/// <param name="TenantId">The user's tenant.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail, trimmed and lower-cased.</param>
/// <param name="RoleId">See <see cref="RoleIds"/>.</param>
/// <param name="IsActive">False when the user is Inactive.</param>
/// <param name="Locale">The user's language for e-mails ("pt-BR" or "en").</param>
/// <param name="EmailVerified">True when the address is already verified (accepted invitation).</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record UserRegistered(
    long UserId,
    long TenantId,
    string Name,
    string Email,
    long RoleId,
    bool IsActive,
    string Locale,
    bool EmailVerified,
    DateTimeOffset OccurredAt);
