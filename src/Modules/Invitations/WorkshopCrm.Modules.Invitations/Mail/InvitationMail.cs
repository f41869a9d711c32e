using System.Net;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Invitations;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Invitations.Mail;

/// <summary>The invitation e-mail in the inviter's language, with the company, the inviter and the link.</summary>
internal sealed class InvitationMail(IOptions<AppOptions> app)
{
    public EmailMessage For(InvitationSent sent)
    {
        var link = app.Value.LinkTo($"invite/{sent.Token}");
        var days = Math.Max(1, (int)Math.Round((sent.ExpiresAt - sent.OccurredAt).TotalDays));
        var (subject, lead, button, footer) = sent.Locale == "en"
            ? ($"{sent.InviterName} invited you to {sent.CompanyName} on Workshop CRM",
                $"{sent.InviterName} invited you to join {sent.CompanyName}'s sales team on Workshop CRM.",
                "Accept the invitation",
                $"The link works once and for {days} days.")
            : ($"{sent.InviterName} convidou você para {sent.CompanyName} no Workshop CRM",
                $"{sent.InviterName} convidou você para a equipe de vendas de {sent.CompanyName} no Workshop CRM.",
                "Aceitar o convite",
                $"O link vale uma vez, por {days} dias.");
        var text = $"{lead}\n\n{link}\n\n{footer}\n\n— Workshop CRM\n";
        var html = $"""
            <!doctype html>
            <html><body style="font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:560px">
            <p>{WebUtility.HtmlEncode(lead)}</p>
            <p><a href="{WebUtility.HtmlEncode(link)}" style="display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none">{WebUtility.HtmlEncode(button)}</a></p>
            <p style="font-size:13px;color:#4b5563">{WebUtility.HtmlEncode(link)}</p>
            <p style="font-size:13px;color:#4b5563">{WebUtility.HtmlEncode(footer)}</p>
            <p>— Workshop CRM</p>
            </body></html>
            """;
        return new EmailMessage(sent.Email, null, subject, text, html);
    }
}

/// <summary>Mails the invitation; SMTP down means a retry later, never a lost invitation.</summary>
internal sealed class MailInvitation(IServiceProvider services, InvitationMail mail, IEmailSender email) : IdempotentConsumer<InvitationSent, InvitationsDb>(services)
{
    protected override long? TenantOf(InvitationSent message) => message.TenantId;

    protected override Task HandleAsync(InvitationsDb db, InvitationSent message, CancellationToken ct) => email.SendAsync(mail.For(message), ct);
}
