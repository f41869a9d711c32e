using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Mail;

/// <summary>Identity's e-mails, in the user's language (pt-BR or English), plain text with a simple HTML twin.</summary>
internal sealed class IdentityMail(IOptions<AppOptions> app, IOptions<IdentityOptions> identity)
{
    public EmailMessage Verification(User user, string token)
    {
        var link = app.Value.LinkTo($"verify-email?token={Uri.EscapeDataString(token)}");
        var hours = (int)identity.Value.EmailVerificationLifetime.TotalHours;
        return IsEnglish(user)
            ? Compose(user, "Confirm your e-mail for Workshop CRM", $"Hi {user.Name},",
                "Please confirm that this is your e-mail address:", link, "Confirm my e-mail",
                $"The link works once and for {hours} hours. If you did not sign up, ignore this message.")
            : Compose(user, "Confirme seu e-mail no Workshop CRM", $"Olá, {user.Name}!",
                "Confirme que este é o seu endereço de e-mail:", link, "Confirmar meu e-mail",
                $"O link vale uma vez, por {hours} horas. Se você não se cadastrou, ignore esta mensagem.");
    }

    public EmailMessage PasswordReset(User user, string token)
    {
        var link = app.Value.LinkTo($"reset-password?email={Uri.EscapeDataString(user.Email)}&token={Uri.EscapeDataString(token)}");
        var minutes = (int)identity.Value.PasswordResetLifetime.TotalMinutes;
        return IsEnglish(user)
            ? Compose(user, "Reset your Workshop CRM password", $"Hi {user.Name},",
                "Someone asked to reset the password of your account. To choose a new one, open:", link, "Choose a new password",
                $"The link works once and for {minutes} minutes. If it was not you, ignore this message: your password stays as it is.")
            : Compose(user, "Redefina sua senha do Workshop CRM", $"Olá, {user.Name}!",
                "Pediram para redefinir a senha da sua conta. Para escolher uma nova, abra:", link, "Escolher nova senha",
                $"O link vale uma vez, por {minutes} minutos. Se não foi você, ignore esta mensagem: sua senha continua a mesma.");
    }

    private static bool IsEnglish(User user) => user.Locale == Locales.English;

    private static EmailMessage Compose(User user, string subject, string greeting, string lead, string link, string button, string footer) =>
        new LinkEmail(greeting, lead, link, button, footer).To(user.Email, user.Name, subject);
}
