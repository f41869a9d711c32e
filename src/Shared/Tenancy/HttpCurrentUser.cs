using System.Globalization;
using System.Security.Claims;
using Microsoft.AspNetCore.Http;

namespace WorkshopCrm.Shared.Tenancy;

internal sealed class HttpCurrentUser(IHttpContextAccessor accessor) : ICurrentUser
{
    private ClaimsPrincipal? Principal => accessor.HttpContext?.User;

    public bool IsAuthenticated => Principal?.Identity?.IsAuthenticated == true;
    public long UserId => ReadLong(CrmClaims.UserId);
    public long TenantId => ReadLong(CrmClaims.TenantId);
    public string Role => Read(CrmClaims.Role);
    public string Name => Read(CrmClaims.Name);
    public string Email => Read(CrmClaims.Email);
    public string SessionId => Read(CrmClaims.SessionId);

    private string Read(string claim) => Principal?.FindFirst(claim)?.Value ?? "";

    private long ReadLong(string claim) =>
        long.TryParse(Read(claim), NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new InvalidOperationException($"The access token has no valid '{claim}' claim.");
}
