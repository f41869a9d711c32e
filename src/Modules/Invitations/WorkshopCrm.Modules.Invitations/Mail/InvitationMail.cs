using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Invitations;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Data;

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
        return new LinkEmail(Greeting: null, lead, link, button, footer).To(sent.Email, null, subject);
    }
}

/// <summary>Mails the invitation; SMTP down means a retry later, never a lost invitation.</summary>
internal sealed class MailInvitation(ModuleDbFactory<InvitationsDb> dbs, InvitationMail mail, IEmailSender email) : IdempotentConsumer<InvitationSent, InvitationsDb>(dbs)
{
    protected override long? TenantOf(InvitationSent message) => message.TenantId;

    protected override Task HandleAsync(InvitationsDb db, InvitationSent message, CancellationToken ct) => email.SendAsync(mail.For(message), ct);
}
