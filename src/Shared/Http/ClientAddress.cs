using Microsoft.AspNetCore.Http;

namespace WorkshopCrm.Shared.Http;

/// <summary>The caller's IP address, as a sign-in's session and the audit log record it.</summary>
public static class ClientAddress
{
    /// <summary>The seed's <c>sessions.ip_address</c> width, which every stored address keeps to.</summary>
    public const int MaxLength = 45;

    /// <summary>
    /// The address of the connection (IPv4 written as IPv4 when it came mapped into IPv6), or null when the server does
    /// not know it. Behind a reverse proxy this is the proxy, unless the Host is told to trust its forwarded headers.
    /// </summary>
    public static string? Of(HttpContext http)
    {
        var address = http.Connection.RemoteIpAddress;
        if (address is null)
            return null;
        var text = (address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address).ToString();
        return text.Length <= MaxLength ? text : text[..MaxLength];
    }
}
