using System.Globalization;
using System.Text;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Conversations;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Privacy;

/// <summary>
/// What anonymizing a lead replaces (ADR 0024): everything that names or reaches the person, or is free text about
/// them, goes; what the company's numbers are made of stays. The lead's name, e-mail and phone are replaced (the e-mail
/// by a unique address that can never be delivered: the seed keeps e-mails unique per company), and the WhatsApp times
/// kept for that phone go. Deal titles (which often carry the person's name) become "Negócio #id"; note bodies and
/// activities' subject, notes and outcome become "[removido]"; the history's titles and activity subjects likewise.
/// Values, stages, owners, dates and the history's moves stay, so the board, its totals and every report keep their
/// numbers. A loss reason stays too (the loss-reasons report counts it) unless it mentions the person: their name, a
/// word of it, their e-mail or their phone; then it becomes "[removido]".
/// </summary>
internal static class LeadAnonymization
{
    public const string Removed = "[removido]";
    private const string DealTitle = "Negócio #";

    public static string NameFor(long leadId) => "Anonimizado #" + leadId.ToString(CultureInfo.InvariantCulture);

    /// <summary>.invalid is reserved (RFC 2606): no mail to it ever leaves.</summary>
    public static string EmailFor(long leadId) => "anon-" + leadId.ToString(CultureInfo.InvariantCulture) + "@anonimizado.invalid";

    public static bool IsAnonymized(Lead lead) => lead.Email == EmailFor(lead.Id);

    /// <summary>The typed confirmation is the lead's current name (spaces around and letter case aside).</summary>
    public static bool Confirms(string confirm, Lead lead) => string.Equals(confirm.Trim(), lead.Name.Trim(), StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Replaces the person's data in <paramref name="db"/>'s current transaction: the tracked lead is changed (saved by
    /// the caller), the rest is written at once, and open boards and agendas are told (deal.updated, activity.updated).
    /// </summary>
    public static async Task ApplyAsync(PipelineDb db, Lead lead, DateTimeOffset now, CancellationToken ct)
    {
        var phoneDigits = db.Entry(lead).Property<string?>(LeadPhone.Column).CurrentValue;
        var deals = await db.Deals.AsNoTracking().Where(d => d.LeadId == lead.Id)
            .Select(d => new { d.Id, d.UserId, d.PipelineStageId, d.LossReason }).ToListAsync(ct);
        var dealIds = deals.ConvertAll(d => d.Id);
        var activities = await db.Activities.AsNoTracking().Where(a => a.LeadId == lead.Id)
            .Select(a => new { a.Id, a.DealId, a.UserId, DealOwnerId = (long?)a.Deal!.UserId }).ToListAsync(ct);
        var reasonsInHistory = await db.DealEvents.AsNoTracking().Where(e => dealIds.Contains(e.DealId) && e.LossReason != null)
            .Select(e => e.LossReason!).Distinct().ToListAsync(ct);
        var personal = deals.Select(d => d.LossReason).OfType<string>().Concat(reasonsInHistory).Distinct(StringComparer.Ordinal)
            .Where(reason => MentionsPerson(reason, lead)).ToList();

        // Bulk writes, so the deals' history records no "title changed" from the person's name (ADR 0021); the
        // history's own entries are scrubbed below.
        await db.Deals.Where(d => d.LeadId == lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(d => d.Title, d => DealTitle + d.Id)
            .SetProperty(d => d.LossReason, d => d.LossReason != null && personal.Contains(d.LossReason) ? Removed : d.LossReason)
            .SetProperty(d => d.UpdatedAt, now), ct);
        await db.DealEvents.Where(e => dealIds.Contains(e.DealId)).ExecuteUpdateAsync(s => s
            .SetProperty(e => e.FromTitle, e => e.FromTitle == null ? null : DealTitle + e.DealId)
            .SetProperty(e => e.ToTitle, e => e.ToTitle == null ? null : DealTitle + e.DealId)
            .SetProperty(e => e.Subject, e => e.Subject == null ? null : Removed)
            .SetProperty(e => e.LossReason, e => e.LossReason != null && personal.Contains(e.LossReason) ? Removed : e.LossReason), ct);
        await db.Notes.Where(n => dealIds.Contains(n.DealId)).ExecuteUpdateAsync(s => s
            .SetProperty(n => n.Body, Removed)
            .SetProperty(n => n.UpdatedAt, now), ct);
        await db.Activities.Where(a => a.LeadId == lead.Id).ExecuteUpdateAsync(s => s
            .SetProperty(a => a.Subject, Removed)
            .SetProperty(a => a.Notes, a => a.Notes == null ? null : Removed)
            .SetProperty(a => a.Outcome, a => a.Outcome == null ? null : Removed)
            .SetProperty(a => a.UpdatedAt, now), ct);

        // The phone's WhatsApp times go with the phone, unless another lead of the company still has that number.
        if (phoneDigits is not null)
        {
            await db.WhatsAppConversations
                .Where(w => w.Phone == phoneDigits && !db.Leads.Any(l => l.Id != lead.Id && EF.Property<string?>(l, LeadPhone.Column) == phoneDigits))
                .ExecuteDeleteAsync(ct);
        }

        (lead.Name, lead.Email, lead.Phone) = (NameFor(lead.Id), EmailFor(lead.Id), null);

        foreach (var deal in deals)
            db.TellOnCommit(BoardEvent.DealUpdated(lead.TenantId, deal.Id, deal.UserId, null, deal.PipelineStageId));
        foreach (var activity in activities)
            db.TellOnCommit(BoardEvent.ActivityChanged("updated", lead.TenantId, activity.Id, lead.Id, activity.DealId, activity.UserId, activity.DealOwnerId));
    }

    /// <summary>
    /// Whether free text names or reaches the person: a word of their name (three letters or more, "das"/"dos" aside),
    /// their e-mail or its part before the @ (five characters or more), or the last eight digits of their phone; case and
    /// accents aside. It errs towards removing: a lost reason more is "[removido]", never a name kept.
    /// </summary>
    public static bool MentionsPerson(string text, Lead lead)
    {
        var folded = Fold(text);
        var words = Words(folded);
        if (Words(Fold(lead.Name)).Any(w => w.Length >= 3 && w is not "das" and not "dos" && words.Contains(w)))
            return true;

        var email = Fold(lead.Email);
        var local = email.Split('@')[0];
        if (folded.Contains(email, StringComparison.Ordinal) || (local.Length >= 5 && folded.Contains(local, StringComparison.Ordinal)))
            return true;

        var phone = new string((lead.Phone ?? "").Where(char.IsAsciiDigit).ToArray());
        return phone.Length >= 8 && new string(text.Where(char.IsAsciiDigit).ToArray()).Contains(phone[^8..], StringComparison.Ordinal);
    }

    private static HashSet<string> Words(string folded) =>
        folded.Split(folded.Where(c => !char.IsLetterOrDigit(c)).Distinct().ToArray(), StringSplitOptions.RemoveEmptyEntries).ToHashSet(StringComparer.Ordinal);

    /// <summary>Lower case without accents ("João" and "joao" are one word).</summary>
    private static string Fold(string text)
    {
        var decomposed = text.ToLowerInvariant().Normalize(NormalizationForm.FormD);
        return new string(decomposed.Where(c => CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark).ToArray()).Normalize(NormalizationForm.FormC);
    }
}
