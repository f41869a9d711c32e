using System.Text.RegularExpressions;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>Reading links out of Identity's e-mails.</summary>
internal static partial class IdentityGiven
{
    /// <summary>
    /// An e-mail to <paramref name="to"/>, once the consumer that sent it has also committed. Mail goes out before that
    /// commit on purpose (an SMTP failure then rolls back and is retried), so a link used within milliseconds of
    /// arriving could beat the token's commit; a person cannot click that fast, a test can.
    /// </summary>
    public static async Task<MimeKit.MimeMessage> MailToAsync(this CrmAppFixture app, string to, Func<MimeKit.MimeMessage, bool>? where = null)
    {
        var mail = await app.Smtp.WaitForMessageToAsync(to, where);
        await app.EventsSettledAsync();
        return mail;
    }

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
