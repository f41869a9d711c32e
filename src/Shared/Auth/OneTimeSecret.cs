using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;

namespace WorkshopCrm.Shared.Auth;

/// <summary>
/// One-time secrets in links and cookies (refresh, e-mail verification, password reset and invitation tokens): 256 bits
/// from the CSPRNG, base64url; only their SHA-256 (hex) is stored.
/// </summary>
public static class OneTimeSecret
{
    public static string New() => Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(32));

    public static string Hash(string secret) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(secret)));

    /// <summary>Compares a presented secret with a stored hash in constant time.</summary>
    public static bool Matches(string storedHash, string presented) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(storedHash), Encoding.ASCII.GetBytes(Hash(presented)));

    /// <summary>What a secret made by <see cref="New"/> looks like; anything else is answered like an unknown one.</summary>
    public static bool LooksValid(string secret) => secret.Length is >= 40 and <= 64 && secret.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
