namespace WorkshopCrm.Shared.Text;

/// <summary>How every module stores and compares e-mail addresses (users, invitations, leads).</summary>
public static class EmailAddresses
{
    /// <summary>Trimmed and lower-cased: <c> Ana@Oficina.com.br </c> and <c>ana@oficina.com.br</c> are one address.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();

    /// <summary>
    /// Whether a non-blank text looks like one e-mail address (one @, something before it, a dotted domain after it, no
    /// spaces): the check every form and the spreadsheet import apply.
    /// </summary>
    public static bool IsValid(string value)
    {
        var email = value.Trim();
        var at = email.IndexOf('@', StringComparison.Ordinal);
        return at > 0 && at == email.LastIndexOf('@') && at < email.Length - 1
            && !email.Any(char.IsWhiteSpace)
            && email[(at + 1)..].Contains('.', StringComparison.Ordinal)
            && !email.EndsWith('.');
    }
}
