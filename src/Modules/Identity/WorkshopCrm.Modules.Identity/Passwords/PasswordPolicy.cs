using System.Reflection;
using FluentValidation;

namespace WorkshopCrm.Modules.Identity.Passwords;

/// <summary>
/// The one password rule (QUALITY.md): 8–128 characters, no composition rules, not one of the most common passwords.
/// Used on sign-up, reset, change and invitation accept.
/// </summary>
internal static class PasswordPolicy
{
    public const int MinLength = 8;
    public const int MaxLength = 128;

    private static readonly Lazy<HashSet<string>> Common = new(LoadCommonPasswords);

    public static IRuleBuilderOptions<T, string> AcceptablePassword<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Required.")
            .MinimumLength(MinLength).WithMessage($"At least {MinLength} characters.")
            .MaximumLength(MaxLength).WithMessage($"At most {MaxLength} characters.")
            .Must(p => p is null || !IsCommon(p)).WithMessage("This password is too common; choose another.")
            .WithErrorCode("identity.password_too_common");

    public static bool IsCommon(string password) => Common.Value.Contains(password.Trim().ToLowerInvariant());

    private static HashSet<string> LoadCommonPasswords()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("WorkshopCrm.Modules.Identity.Passwords.common-passwords.txt")
            ?? throw new InvalidOperationException("The common password list is missing from the assembly.");
        using var reader = new StreamReader(stream);
        var set = new HashSet<string>(StringComparer.Ordinal);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length > 0 && !line.StartsWith('#'))
                set.Add(line.Trim().ToLowerInvariant());
        }

        return set;
    }
}
