using System.ComponentModel.DataAnnotations;

namespace WorkshopCrm.Shared;

/// <summary>Configuration section "App".</summary>
public sealed class AppOptions : IValidatableObject
{
    public const string Section = "App";

    /// <summary>Where people reach the SPA (App__PublicUrl): the base of every link in e-mails.</summary>
    [Required]
    public string PublicUrl { get; set; } = "http://127.0.0.1:5000";

    /// <summary>An absolute link to a path of the SPA.</summary>
    public string LinkTo(string pathAndQuery) => PublicUrl.TrimEnd('/') + "/" + pathAndQuery.TrimStart('/');

    public IEnumerable<ValidationResult> Validate(ValidationContext validationContext)
    {
        if (!Uri.TryCreate(PublicUrl, UriKind.Absolute, out var uri) || (uri.Scheme != "http" && uri.Scheme != "https"))
            yield return new ValidationResult("App:PublicUrl must be an absolute http(s) URL.", [nameof(PublicUrl)]);
    }
}
