using WorkshopCrm.Shared;
using System.ComponentModel.DataAnnotations;

namespace WorkshopCrm.Modules.Identity;

/// <summary>Configuration section "Identity".</summary>
internal sealed class IdentityOptions
{
    public const string Section = "Identity";

    [TimeSpanRange("00:10:00", "30.00:00:00")]
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromDays(2);

    [TimeSpanRange("00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a "this sign-in still stands" answer is reused before the database is asked again.</summary>
    [TimeSpanRange("00:00:00", "00:05:00")]
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// PBKDF2-HMAC-SHA512 rounds for a new password hash: OWASP's 210,000. Lower only where the environment is "Testing"
    /// (<see cref="PasswordWorkFactor"/>): a test suite signs up and in thousands of times, and each hash is ~0.2 s of CPU.
    /// A hash keeps its own count, so a sign-in with more rounds configured rehashes it.
    /// </summary>
    [Range(1_000, 10_000_000)]
    public int PasswordHashIterations { get; set; } = PasswordWorkFactor.Owasp;
}
