namespace WorkshopCrm.Shared.Tenancy;

/// <summary>The signed-in caller of the current request, read from the access token's claims.</summary>
public interface ICurrentUser
{
    bool IsAuthenticated { get; }
    long UserId { get; }
    long TenantId { get; }
    string Role { get; }
    string Name { get; }
    string Email { get; }

    /// <summary>The sign-in this request's access token belongs to.</summary>
    string SessionId { get; }
    bool IsBusinessOwner => Role == Roles.BusinessOwner;
}

/// <summary>Role names as they travel in the access token's <c>role</c> claim.</summary>
public static class Roles
{
    public const string BusinessOwner = "BusinessOwner";
    public const string Salesperson = "Salesperson";
}

/// <summary>Claim names of the access token (ARCHITECTURE.md: sub, tenant_id, role, name, email).</summary>
public static class CrmClaims
{
    public const string UserId = "sub";
    public const string TenantId = "tenant_id";
    public const string Role = "role";
    public const string Name = "name";
    public const string Email = "email";
    public const string SessionId = "sid";
}
