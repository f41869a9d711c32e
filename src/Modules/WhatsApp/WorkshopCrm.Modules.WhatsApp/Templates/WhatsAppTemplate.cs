using System.Text.RegularExpressions;
using FluentValidation;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Templates;

/// <summary>whatsapp.whatsapp_templates: a company's saved reply (issue 18, ADR 0022), written by a Business Owner, used by everyone.</summary>
internal sealed class WhatsAppTemplate : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string Name { get; set; }
    public required string Body { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

internal sealed record TemplateView(long Id, string Name, string Body);

/// <summary>What a saved reply may say: <c>{{nome}}</c> (the lead), <c>{{empresa}}</c> (the company), <c>{{vendedor}}</c> (who sends).</summary>
internal static partial class TemplateText
{
    public const int MaxBody = 4096;
    public static readonly string[] Variables = ["nome", "empresa", "vendedor"];

    /// <summary>The variables of a body that are not one of the three, as written.</summary>
    public static IReadOnlyList<string> Unknown(string? body) =>
        body is null ? [] : Variable().Matches(body).Select(m => m.Groups["name"].Value).Where(n => !Variables.Contains(n.ToLowerInvariant())).Distinct().ToList();

    /// <summary>The body with its variables filled in (case-insensitive names, spaces inside the braces allowed).</summary>
    public static string Fill(string body, string leadName, string company, string seller) =>
        Variable().Replace(body, m => m.Groups["name"].Value.ToLowerInvariant() switch
        {
            "nome" => leadName,
            "empresa" => company,
            "vendedor" => seller,
            _ => m.Value,
        });

    public static void Rules<T>(AbstractValidator<T> v, Func<T, string> name, Func<T, string> body)
    {
        v.RuleFor(r => name(r)).RequiredLine(100).OverridePropertyName("name");
        v.RuleFor(r => body(r)).RequiredText(MaxBody).OverridePropertyName("body");
        v.RuleFor(r => body(r)).Must(b => Unknown(b).Count == 0)
            .WithMessage((r, b) => $"Unknown variable {{{{{Unknown(b)[0]}}}}}: use {{{{nome}}}}, {{{{empresa}}}} or {{{{vendedor}}}}.")
            .WithErrorCode("whatsapp.template_variable_unknown").OverridePropertyName("body");
    }

    [GeneratedRegex(@"\{\{\s*(?<name>[^{}\s]+)\s*\}\}", RegexOptions.CultureInvariant)]
    private static partial Regex Variable();
}
