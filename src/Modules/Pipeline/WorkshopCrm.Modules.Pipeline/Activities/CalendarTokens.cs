using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>Whose feed an address opens: the tenant, the user and the version of the address.</summary>
internal readonly record struct CalendarFeedKey(long TenantId, long UserId, int Version);

/// <summary>
/// The secret part of a personal iCalendar address: tenant, user and version with a 128-bit HMAC over them, base64url
/// (48 characters). Nothing secret is stored (a leaked database gives no working address); the key is derived from
/// Jwt:SigningKey, so rotating that key changes every address, as it ends every session. Rotating one user's address
/// bumps its version in pipeline.calendar_feeds, and the old MAC no longer names a live version (ADR 0020).
/// </summary>
internal sealed class CalendarTokens(IOptions<JwtOptions> jwt)
{
    private const int MacBytes = 16;
    private const int PayloadBytes = 8 + 8 + 4;

    private readonly byte[] _key = HKDF.DeriveKey(HashAlgorithmName.SHA256, jwt.Value.KeyBytes, 32, info: Encoding.ASCII.GetBytes("workshop-crm/calendar-feed/v1"));

    public string For(CalendarFeedKey feed)
    {
        var bytes = new byte[PayloadBytes + MacBytes];
        BinaryPrimitives.WriteInt64BigEndian(bytes, feed.TenantId);
        BinaryPrimitives.WriteInt64BigEndian(bytes.AsSpan(8), feed.UserId);
        BinaryPrimitives.WriteInt32BigEndian(bytes.AsSpan(16), feed.Version);
        HMACSHA256.HashData(_key, bytes.AsSpan(0, PayloadBytes)).AsSpan(0, MacBytes).CopyTo(bytes.AsSpan(PayloadBytes));
        return Base64UrlEncode(bytes);
    }

    /// <summary>The feed an address names, or null for anything this server did not make (compared in constant time).</summary>
    public CalendarFeedKey? Read(string? token)
    {
        if (token is null || token.Length != 48 || !TryBase64UrlDecode(token, out var bytes) || bytes.Length != PayloadBytes + MacBytes)
            return null;
        var expected = HMACSHA256.HashData(_key, bytes.AsSpan(0, PayloadBytes)).AsSpan(0, MacBytes);
        if (!CryptographicOperations.FixedTimeEquals(expected, bytes.AsSpan(PayloadBytes)))
            return null;
        return new CalendarFeedKey(
            BinaryPrimitives.ReadInt64BigEndian(bytes), BinaryPrimitives.ReadInt64BigEndian(bytes.AsSpan(8)), BinaryPrimitives.ReadInt32BigEndian(bytes.AsSpan(16)));
    }

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static bool TryBase64UrlDecode(string text, out byte[] bytes)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        padded += new string('=', (4 - padded.Length % 4) % 4);
        bytes = new byte[padded.Length];
        if (Convert.TryFromBase64String(padded, bytes, out var written))
        {
            bytes = bytes[..written];
            return true;
        }

        return false;
    }
}
