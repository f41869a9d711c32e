namespace WorkshopCrm.Shared.Email;

/// <summary>An e-mail with a plain-text body and an HTML alternative.</summary>
public sealed record EmailMessage(string To, string? ToName, string Subject, string TextBody, string HtmlBody);

/// <summary>Sends e-mail. Call it from consumers only, never inside a request, so a failure is retried, not lost.</summary>
public interface IEmailSender
{
    Task SendAsync(EmailMessage message, CancellationToken ct);
}
