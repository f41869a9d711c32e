using System.Text.RegularExpressions;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>Reading links out of Identity's e-mails.</summary>
internal static partial class IdentityGiven
{
    /// <summary>The link of the e-mail's plain-text body that points at <paramref name="path"/>.</summary>
    public static Uri LinkIn(MimeKit.MimeMessage mail, string path)
    {
        var match = Link().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "no link in the e-mail");
        var link = new Uri(match.Value);
        Assert.Equal(path, link.AbsolutePath);
        return link;
    }

    public static string QueryValue(Uri link, string name) =>
        Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
