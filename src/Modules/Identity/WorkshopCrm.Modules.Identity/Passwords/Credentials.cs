using Microsoft.AspNetCore.Identity;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Passwords;

/// <summary>Hashes and checks passwords with ASP.NET Core Identity's PasswordHasher (PBKDF2-HMAC-SHA512).</summary>
internal sealed class Credentials(IPasswordHasher<User> hasher)
{
    private static readonly User Nobody = new() { Name = "", Email = "", Password = "" };
    private readonly Lazy<string> _nobodysHash = new(() => hasher.HashPassword(Nobody, OneTimeSecret.New()));

    public string Hash(User user, string password) => hasher.HashPassword(user, password);

    /// <summary>
    /// Checks a password. For an unknown user it still runs one full hash check, so that the answer takes as long
    /// as for a real account and timing does not reveal which e-mails exist.
    /// </summary>
    public PasswordVerificationResult Verify(User? user, string password)
    {
        if (user is null)
        {
            hasher.VerifyHashedPassword(Nobody, _nobodysHash.Value, password);
            return PasswordVerificationResult.Failed;
        }

        return hasher.VerifyHashedPassword(user, user.Password, password);
    }
}
