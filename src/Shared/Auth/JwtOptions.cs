using System.ComponentModel.DataAnnotations;
using System.Text;

namespace WorkshopCrm.Shared.Auth;

/// <summary>Configuration section "Jwt": how access tokens are signed and checked, and how long sessions live.</summary>
public sealed class JwtOptions : IValidatableObject
{
    public const string Section = "Jwt";
    public const int MinimumKeyBytes = 32;

    /// <summary>HS256 key: at least 32 bytes of UTF-8 (Jwt__SigningKey).</summary>
    public string SigningKey { get; set; } = "";

    [Required]
    public string Issuer { get; set; } = "workshop-crm";

    [Required]
    public string Audience { get; set; } = "workshop-crm";

    [TimeSpanRange("00:01:00", "01:00:00")]
    public TimeSpan AccessTokenLifetime { get; set; } = TimeSpan.FromMinutes(15);

    /// <summary>Refresh lifetime of a browser session without "remember me" (the cookie itself ends with the browser).</summary>
    [TimeSpanRange("00:05:00", "30.00:00:00")]
    public TimeSpan RefreshLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>Refresh lifetime with "remember me"; every refresh slides it forward.</summary>
    [TimeSpanRange("00:05:00", "365.00:00:00")]
    public TimeSpan RememberMeRefreshLifetime { get; set; } = TimeSpan.FromDays(30);

    public byte[] KeyBytes => Encoding.UTF8.GetBytes(SigningKey);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (KeyBytes.Length < MinimumKeyBytes)
        {
            yield return new ValidationResult(
                $"Jwt:SigningKey must be at least {MinimumKeyBytes} bytes (set Jwt__SigningKey).", [nameof(SigningKey)]);
        }
    }
}
