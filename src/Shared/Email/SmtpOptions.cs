using System.ComponentModel.DataAnnotations;

namespace WorkshopCrm.Shared.Email;

public enum SmtpSecurity
{
    /// <summary>STARTTLS when the server offers it.</summary>
    Auto,
    None,
    StartTls,
    SslOnConnect,
}

/// <summary>Configuration section "Smtp" (Smtp__Host, Smtp__Port, ...).</summary>
public sealed class SmtpOptions : IValidatableObject
{
    public const string Section = "Smtp";

    public string? Host { get; set; }

    [Range(1, 65535)]
    public int Port { get; set; } = 25;

    public string? Username { get; set; }
    public string? Password { get; set; }

    [Required, EmailAddress]
    public string From { get; set; } = "Workshop CRM <no-reply@workshopcrm.local>";

    public SmtpSecurity Security { get; set; } = SmtpSecurity.Auto;

    /// <summary>When set (and no Host), mails are written to this folder as .eml files instead of being sent.</summary>
    public string? PickupDirectory { get; set; }

    [TimeSpanRange("00:00:01", "00:10:00")]
    public TimeSpan Timeout { get; set; } = TimeSpan.FromSeconds(30);

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (string.IsNullOrWhiteSpace(Host) && string.IsNullOrWhiteSpace(PickupDirectory))
            yield return new ValidationResult("Set Smtp:Host (or Smtp:PickupDirectory to write mails to a folder).", [nameof(Host)]);
    }
}
