using System.Globalization;
using System.Net;
using System.Text;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Email;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>The daily digest e-mail, in pt-BR or English: overdue first, then today's, each with its lead and deal, and a link to the agenda.</summary>
internal sealed class DigestMail(IOptions<AppOptions> app)
{
    private static readonly CultureInfo Brazil = CultureInfo.GetCultureInfo("pt-BR");
    private static readonly CultureInfo English = CultureInfo.GetCultureInfo("en-US");

    public EmailMessage Compose(MailProfileAnswer to, DailyDigestDue digest)
    {
        var en = to.Locale == Locales.English;
        var culture = en ? English : Brazil;
        var day = digest.Day.ToString(en ? "dddd, MMMM d" : "dddd, d 'de' MMMM", culture);
        var subject = en
            ? $"Your activities for {day}: {digest.TodayCount} today, {digest.OverdueCount} overdue"
            : $"Suas atividades de {day}: {digest.TodayCount} para hoje, {digest.OverdueCount} atrasadas";
        var greeting = en ? $"Good morning, {to.Name}!" : $"Bom dia, {to.Name}!";
        var sections = new List<(string Title, IReadOnlyList<DigestActivity> Items, int Count)>();
        if (digest.OverdueCount > 0)
            sections.Add((en ? $"Overdue ({digest.OverdueCount})" : $"Atrasadas ({digest.OverdueCount})", digest.Overdue, digest.OverdueCount));
        if (digest.TodayCount > 0)
            sections.Add((en ? $"Today ({digest.TodayCount})" : $"Para hoje ({digest.TodayCount})", digest.Today, digest.TodayCount));
        var link = app.Value.LinkTo("agenda");
        var button = en ? "Open my agenda" : "Abrir minha agenda";
        var footer = en
            ? "You get this e-mail on mornings with activities due. To stop it, turn off the daily digest in Settings."
            : "Você recebe este e-mail nas manhãs com atividades pendentes. Para não receber mais, desligue o resumo diário em Configurações.";

        var text = new StringBuilder().Append(greeting).Append("\n\n");
        var html = new StringBuilder()
            .Append("<!doctype html>\n<html><body style=\"font-family:Arial,Helvetica,sans-serif;color:#1f2937;max-width:560px\">\n")
            .Append(CultureInfo.InvariantCulture, $"<p>{Enc(greeting)}</p>\n");
        foreach (var (title, items, count) in sections)
        {
            text.Append(title).Append('\n');
            html.Append(CultureInfo.InvariantCulture, $"<h3 style=\"margin:16px 0 4px\">{Enc(title)}</h3>\n<ul style=\"padding-left:18px\">\n");
            foreach (var item in items)
            {
                var line = Line(item, en, culture, digest.Day);
                text.Append("- ").Append(line).Append('\n');
                html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(line)}</li>\n");
            }

            if (count > items.Count)
            {
                var more = en ? $"… and {count - items.Count} more" : $"… e mais {count - items.Count}";
                text.Append(more).Append('\n');
                html.Append(CultureInfo.InvariantCulture, $"<li>{Enc(more)}</li>\n");
            }

            text.Append('\n');
            html.Append("</ul>\n");
        }

        text.Append(button).Append(": ").Append(link).Append("\n\n").Append(footer).Append("\n\n— Workshop CRM\n");
        html.Append(CultureInfo.InvariantCulture,
                $"<p><a href=\"{Enc(link)}\" style=\"display:inline-block;background:#1d4ed8;color:#ffffff;padding:10px 18px;border-radius:6px;text-decoration:none\">{Enc(button)}</a></p>\n")
            .Append(CultureInfo.InvariantCulture, $"<p style=\"font-size:13px;color:#4b5563\">{Enc(footer)}</p>\n<p>— Workshop CRM</p>\n</body></html>\n");
        return new EmailMessage(to.Email, to.Name, subject, text.ToString(), html.ToString());
    }

    /// <summary>"14:30 · Ligação · Retornar proposta — Lia Cliente (Revisão completa) · +55 71 98654-7720".</summary>
    private static string Line(DigestActivity a, bool en, CultureInfo culture, DateOnly today)
    {
        var when = a.DueDate == today
            ? a.DueTime?.ToString("HH:mm", CultureInfo.InvariantCulture) ?? (en ? "all day" : "dia todo")
            : a.DueDate.ToString(en ? "MMM d" : "dd/MM", culture) + (a.DueTime is { } t ? " " + t.ToString("HH:mm", CultureInfo.InvariantCulture) : "");
        var type = en ? ActivityType.NameOf(a.TypeId) : ActivityType.PortugueseNameOf(a.TypeId);
        var about = a.DealTitle is null ? a.LeadName : $"{a.LeadName} ({a.DealTitle})";
        var phone = a.LeadPhone is null ? "" : $" · {a.LeadPhone}";
        return $"{when} · {type} · {a.Subject} — {about}{phone}";
    }

    private static string Enc(string value) => WebUtility.HtmlEncode(value);
}
