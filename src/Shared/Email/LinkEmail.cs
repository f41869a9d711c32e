using System.Net;

namespace WorkshopCrm.Shared.Email;

/// <summary>
/// The one layout of the CRM's e-mails: a few lines of text around one link, as plain text and as simple HTML with
/// the link as a button (and written out, for clients that hide buttons). Every value is HTML-encoded.
/// </summary>
/// <param name="Greeting">"Olá, Ana!"; null for none.</param>
/// <param name="Lead">What the mail is about, before the link.</param>
/// <param name="Link">The one thing to open.</param>
/// <param name="Button">The button's words.</param>
/// <param name="Footer">How long the link works, and what to do if it was not you.</param>
public sealed record LinkEmail(string? Greeting, string Lead, string Link, string Button, string Footer)
{
    public EmailMessage To(string email, string? name, string subject)
    {
        var greeting = Greeting is null ? "" : $"{Greeting}\n\n";
        var text = $"{greeting}{Lead}\n{Link}\n\n{Footer}\n\n— Workshop CRM\n";
        var greetingHtml = Greeting is null ? "" : $"<p>{WebUtility.HtmlEncode(Greeting)}</p>\n";
        var html = $"""
            <!doctype html>
            <html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:560px">
            {greetingHtml}<p>{WebUtility.HtmlEncode(Lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(Link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">{WebUtility.HtmlEncode(Button)}</a></p>
            <p style="font-size:13px;color:#4b5563">{WebUtility.HtmlEncode(Link)}</p>
            <p style="font-size:13px;color:#4b5563">{WebUtility.HtmlEncode(Footer)}</p>
            <p>— Workshop CRM</p>
            </body></html>
            """;
        return new EmailMessage(email, name, subject, text, html);
    }
}
