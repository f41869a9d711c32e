namespace WorkshopCrm.Shared.Auth;

/// <summary>Languages the product writes e-mails in, and how a browser's choice is read.</summary>
public static class Locales
{
    public const string Default = "pt-BR";
    public const string English = "en";

    /// <summary>Picks pt-BR or en from an Accept-Language header (Portuguese and unknown → pt-BR).</summary>
    public static string FromAcceptLanguage(string? header)
    {
        var first = header?.Split(',')[0].Split(';')[0].Trim() ?? "";
        return first.StartsWith("en", StringComparison.OrdinalIgnoreCase) ? English : Default;
    }
}
