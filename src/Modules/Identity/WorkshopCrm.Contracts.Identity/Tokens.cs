namespace WorkshopCrm.Contracts.Identity;

/// <summary>"tokens" in API.md: the access token and who it is for; the refresh token travels in the cookie only.</summary>
/// <param name="AccessToken">The JWT.</param>
/// <param name="ExpiresIn">Its lifetime in seconds.</param>
/// <param name="User">Who signed in.</param>
public sealed record TokensResponse(string AccessToken, int ExpiresIn, UserView User);

/// <summary>The "user" object of API.md.</summary>
/// <param name="Id">User id.</param>
/// <param name="Name">Display name.</param>
/// <param name="Email">E-mail.</param>
/// <param name="EmailVerified">Whether the e-mail is verified.</param>
/// <param name="Role">BusinessOwner or Salesperson.</param>
/// <param name="Status">Active or Inactive.</param>
/// <param name="Tenant">The company.</param>
/// <param name="DailyDigest">Whether the user wants the 07:00 e-mail of the day's and overdue activities.</param>
public sealed record UserView(long Id, string Name, string Email, bool EmailVerified, string Role, string Status, TenantView Tenant, bool DailyDigest = true);

/// <summary>The "tenant" object of API.md.</summary>
/// <param name="Id">Company id.</param>
/// <param name="Name">Company name.</param>
public sealed record TenantView(long Id, string Name);
