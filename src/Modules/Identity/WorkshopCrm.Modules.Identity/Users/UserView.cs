using WorkshopCrm.Modules.Identity.Tenants;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>The "user" object of API.md.</summary>
internal sealed record UserView(long Id, string Name, string Email, bool EmailVerified, string Role, string Status, TenantView Tenant)
{
    public static UserView Of(User user, Tenant tenant) => new(
        user.Id,
        user.Name,
        user.Email,
        user.EmailVerifiedAt is not null,
        global::WorkshopCrm.Modules.Identity.Users.Role.ApiName(user.RoleId),
        UserStatus.ApiName(user.UserStatusId),
        new TenantView(tenant.Id, tenant.Name));
}

internal sealed record TenantView(long Id, string Name);

/// <summary>"tokens" in API.md: the access token and who it is for; the refresh token is in the cookie only.</summary>
internal sealed record TokensResponse(string AccessToken, int ExpiresIn, UserView User);
