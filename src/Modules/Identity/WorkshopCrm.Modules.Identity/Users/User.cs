using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>A Business Owner or Salesperson; belongs to exactly one tenant; e-mail unique across all tenants.</summary>
internal sealed class User : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long RoleId { get; set; }
    public long UserStatusId { get; set; }
    public required string Name { get; set; }
    public required string Email { get; set; }
    public DateTimeOffset? EmailVerifiedAt { get; set; }
    public required string Password { get; set; }
    public string? RememberToken { get; set; }

    /// <summary>Language for e-mails, from Accept-Language at sign-up (docs/adr/0004).</summary>
    public string Locale { get; set; } = Locales.Default;

    /// <summary>Wants the 07:00 e-mail of the day's and overdue activities (issue 16, ADR 0020); on unless turned off.</summary>
    public bool DailyDigest { get; set; } = true;

    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public Tenant? Tenant { get; set; }

    public bool IsActive => UserStatusId == UserStatus.Active;
}


