namespace WorkshopCrm.Shared.Text;

/// <summary>How every module stores and compares e-mail addresses (users, invitations, leads).</summary>
public static class EmailAddresses
{
    /// <summary>Trimmed and lower-cased: <c> Ana@Oficina.com.br </c> and <c>ana@oficina.com.br</c> are one address.</summary>
    public static string Normalize(string email) => email.Trim().ToLowerInvariant();
}
