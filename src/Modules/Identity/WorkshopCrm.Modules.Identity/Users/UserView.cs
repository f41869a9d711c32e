using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Tenants;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>The API's user object (<see cref="UserView"/>, a contract: Invitations answers it too) of a user.</summary>
internal static class UserViews
{
    public static UserView Of(User user, Tenant tenant) => new(
        user.Id,
        user.Name,
        user.Email,
        user.EmailVerifiedAt is not null,
        Role.ApiName(user.RoleId),
        UserStatus.ApiName(user.UserStatusId),
        new TenantView(tenant.Id, tenant.Name),
        user.DailyDigest);
}
