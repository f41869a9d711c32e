using FluentValidation;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>The rules of a lead's fields, shared by creating and editing a lead (the seed's column lengths).</summary>
internal static class LeadFields
{
    public static void NameEmailPhone<T>(AbstractValidator<T> v, Func<T, string> name, Func<T, string> email, Func<T, string?> phone)
    {
        v.RuleFor(r => name(r)).RequiredLine(255).OverridePropertyName("name");
        v.RuleFor(r => email(r)).RequiredEmail().OverridePropertyName("email");
        v.RuleFor(r => phone(r)).OptionalLine(50)
            .Must(p => p is null || p.All(c => char.IsAsciiDigit(c) || " +-().".Contains(c))).WithMessage("Only digits, spaces and + - ( ) .")
            .OverridePropertyName("phone");
    }

    /// <summary>The phone as stored: trimmed, or null when blank.</summary>
    public static string? CleanPhone(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();
}
