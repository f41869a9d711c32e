using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>identity.roles: seeded, not editable.</summary>
internal sealed class Role : IHasTimestamps
{
    public const long BusinessOwner = RoleIds.BusinessOwner;
    public const long Salesperson = RoleIds.Salesperson;

    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>The role as it travels in tokens and JSON (<c>BusinessOwner|Salesperson</c>).</summary>
    public static string ApiName(long roleId) => roleId == BusinessOwner ? Roles.BusinessOwner : Roles.Salesperson;
}

/// <summary>identity.user_statuses: Active may sign in, Inactive may not.</summary>
internal sealed class UserStatus : IHasTimestamps
{
    public const long Active = 1;
    public const long Inactive = 2;

    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static string ApiName(long statusId) => statusId == Active ? "Active" : "Inactive";
}
