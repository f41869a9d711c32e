using WorkshopCrm.Shared.Text;
using FluentValidation;

namespace WorkshopCrm.Shared.Http;

/// <summary>Field rules every module's validators share, so every string has its column's limit.</summary>
public static class TextRules
{
    /// <summary>Required single-line text: not blank, at most <paramref name="maxLength"/>, no control characters.</summary>
    public static IRuleBuilderOptions<T, string> RequiredLine<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.NotEmpty().WithMessage("Required.")
            .MaximumLength(maxLength).WithMessage($"At most {maxLength} characters.")
            .Must(v => v is null || !v.Any(char.IsControl)).WithMessage("Must not contain control characters.");

    /// <summary>Optional single-line text with the same limits when present.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalLine<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"At most {maxLength} characters.")
            .Must(v => v is null || !v.Any(char.IsControl)).WithMessage("Must not contain control characters.");

    /// <summary>
    /// Required free text that may span lines (a note, a message): not blank, at most <paramref name="maxLength"/>, line
    /// breaks and tabs allowed, no other control character (a NUL cannot even be stored in PostgreSQL's text).
    /// </summary>
    public static IRuleBuilderOptions<T, string> RequiredText<T>(this IRuleBuilder<T, string> rule, int maxLength) =>
        rule.NotEmpty().WithMessage("Required.")
            .MaximumLength(maxLength).WithMessage($"At most {maxLength} characters.")
            .Must(v => v is null || !HasControlBesidesLineBreaks(v)).WithMessage("Must not contain control characters.");

    /// <summary>Optional free text (notes, an outcome) with the same limits as <see cref="RequiredText{T}"/> when present.</summary>
    public static IRuleBuilderOptions<T, string?> OptionalText<T>(this IRuleBuilder<T, string?> rule, int maxLength) =>
        rule.MaximumLength(maxLength).WithMessage($"At most {maxLength} characters.")
            .Must(v => v is null || !HasControlBesidesLineBreaks(v)).WithMessage("Must not contain control characters.");

    private static bool HasControlBesidesLineBreaks(string value) => value.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t');

    /// <summary>A required e-mail address of at most 255 characters (the seed's column).</summary>
    public static IRuleBuilderOptions<T, string> RequiredEmail<T>(this IRuleBuilder<T, string> rule) =>
        rule.NotEmpty().WithMessage("Required.")
            .MaximumLength(255).WithMessage("At most 255 characters.")
            .Must(v => v is null || (!v.Any(char.IsControl) && (string.IsNullOrWhiteSpace(v) || EmailAddresses.IsValid(v)))).WithMessage("Not a valid e-mail address.");
}
