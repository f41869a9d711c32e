using FluentValidation;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A lead as lists and the lead page show it.</summary>
internal sealed record LeadView(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, int DealCount, DateTimeOffset? CreatedAt);

/// <summary>Field rules shared by creating and editing a lead (the seed's column lengths).</summary>
internal static class LeadRules
{
    public static void NameEmailPhone<T>(AbstractValidator<T> v, Func<T, string> name, Func<T, string> email, Func<T, string?> phone)
    {
        v.RuleFor(r => name(r)).RequiredLine(255).OverridePropertyName("name");
        v.RuleFor(r => email(r)).RequiredEmail().OverridePropertyName("email");
        v.RuleFor(r => phone(r)).OptionalLine(50)
            .Must(p => p is null || p.All(c => char.IsAsciiDigit(c) || " +-().".Contains(c))).WithMessage("Only digits, spaces and + - ( ) .")
            .OverridePropertyName("phone");
    }

    public static string? CleanPhone(string? phone) => string.IsNullOrWhiteSpace(phone) ? null : phone.Trim();

    /// <summary>
    /// Joins name, e-mail and phone in the searched text (and in leads_search_trgm_index's expression, which must stay
    /// the same): a control character, which no field and no search text may contain.
    /// </summary>
    public const string SearchSeparator = "\u0001";

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    public static readonly Microsoft.AspNetCore.Http.IResult EmailTaken =
        Problems.Field("email", "Another lead already has this e-mail.", "lead.email_taken", Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict);

    public static readonly Microsoft.AspNetCore.Http.IResult NotFound = Problems.NotFound("lead.not_found", "No such lead.");

    public static readonly Microsoft.AspNetCore.Http.IResult OwnerInvalid =
        Problems.Field("ownerId", "The owner must be an active user of your company.", "lead.owner_invalid");
}
