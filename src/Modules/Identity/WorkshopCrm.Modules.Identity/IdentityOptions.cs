using System.ComponentModel.DataAnnotations;

namespace WorkshopCrm.Modules.Identity;

/// <summary>Configuration section "Identity".</summary>
internal sealed class IdentityOptions
{
    public const string Section = "Identity";

    [Range(typeof(TimeSpan), "00:10:00", "30.00:00:00")]
    public TimeSpan EmailVerificationLifetime { get; set; } = TimeSpan.FromDays(2);

    [Range(typeof(TimeSpan), "00:05:00", "1.00:00:00")]
    public TimeSpan PasswordResetLifetime { get; set; } = TimeSpan.FromMinutes(60);

    /// <summary>How long a "this sign-in still stands" answer is reused before the database is asked again.</summary>
    [Range(typeof(TimeSpan), "00:00:00", "00:05:00")]
    public TimeSpan SessionCheckCache { get; set; } = TimeSpan.FromSeconds(10);
}
