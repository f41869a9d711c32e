using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Conversations;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.History;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Privacy;

internal sealed record HeldPerson(long Id, string Name);

internal sealed record HeldStage(long Id, string Name);

internal sealed record HeldLead(long Id, string Name, string Email, string? Phone, HeldPerson Owner, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

internal sealed record HeldNote(long Id, string Body, HeldPerson Author, DateTimeOffset? CreatedAt);

/// <summary>A deal of the lead: <c>status</c> is <c>open</c>, <c>won</c> or <c>lost</c>; its notes and its whole timeline, newest first.</summary>
internal sealed record HeldDeal(
    long Id, string Title, decimal Value, HeldStage Stage, string Status, string? LossReason, HeldPerson Owner, DateTimeOffset? CreatedAt,
    DateTimeOffset? UpdatedAt, DateTimeOffset StageEnteredAt, IReadOnlyList<HeldNote> Notes, IReadOnlyList<TimelineEntry> Timeline);

internal sealed record HeldActivity(
    long Id, string Type, string Subject, string? Notes, DateOnly DueDate, string? DueTime, int? DurationMinutes, DateTimeOffset? DoneAt,
    string? Outcome, long? DealId, HeldPerson Owner, DateTimeOffset? CreatedAt);

/// <summary>When the company last heard from the lead's phone on WhatsApp and last wrote to it (only times are kept).</summary>
internal sealed record HeldWhatsApp(string Phone, DateTimeOffset? LastInAt, DateTimeOffset? LastOutAt);

/// <summary>
/// Everything the CRM holds about one person (LGPD art. 18, API.md "personal data"): the lead, its deals with their
/// notes and history, its activities and its WhatsApp conversation times. WhatsApp text is never stored (seed note 8).
/// </summary>
internal sealed record PersonalData(
    DateTimeOffset ExportedAt, HeldLead Lead, IReadOnlyList<HeldDeal> Deals, IReadOnlyList<HeldActivity> Activities, HeldWhatsApp? WhatsApp)
{
    /// <summary>What is held about <paramref name="leadId"/>, or null when the unit of work's tenant has no such lead.</summary>
    public static async Task<PersonalData?> LoadAsync(PipelineDb db, long leadId, DateTimeOffset now, CancellationToken ct)
    {
        var found = await db.Leads.AsNoTracking().Where(l => l.Id == leadId)
            .Select(l => new { Lead = l, PhoneDigits = EF.Property<string?>(l, LeadPhone.Column) }).SingleOrDefaultAsync(ct);
        if (found is null)
            return null;

        var lead = found.Lead;
        var deals = await db.Deals.AsNoTracking().Where(d => d.LeadId == leadId).OrderBy(d => d.CreatedAt).ThenBy(d => d.Id).ToListAsync(ct);
        var dealIds = deals.ConvertAll(d => d.Id);
        var notes = await db.Notes.AsNoTracking().Where(n => dealIds.Contains(n.DealId))
            .OrderByDescending(n => n.CreatedAt).ThenByDescending(n => n.Id).ToListAsync(ct);
        var activities = await db.Activities.AsNoTracking().Where(a => a.LeadId == leadId).OrderBy(a => a.DueDate).ThenBy(a => a.Id).ToListAsync(ct);
        var events = await db.DealEvents.AsNoTracking().Where(e => dealIds.Contains(e.DealId))
            .OrderByDescending(e => e.At).ThenByDescending(e => e.Id).ToListAsync(ct);
        var timeline = (await TimelineEntries.DescribeAsync(db, events, ct)).Zip(events, (entry, row) => (row.DealId, Entry: entry)).ToLookup(x => x.DealId, x => x.Entry);
        var conversation = found.PhoneDigits is { } digits
            ? await db.WhatsAppConversations.AsNoTracking().SingleOrDefaultAsync(w => w.Phone == digits, ct)
            : null;

        var people = new[] { lead.UserId }.Concat(deals.Select(d => d.UserId)).Concat(notes.Select(n => n.UserId)).Concat(activities.Select(a => a.UserId))
            .Distinct().ToList();
        var names = await db.Members.AsNoTracking().Where(m => people.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);
        HeldPerson Person(long id) => new(id, names.GetValueOrDefault(id, ""));

        return new PersonalData(
            now,
            new HeldLead(lead.Id, lead.Name, lead.Email, lead.Phone, Person(lead.UserId), lead.CreatedAt, lead.UpdatedAt),
            deals.ConvertAll(d => new HeldDeal(
                d.Id, d.Title, d.Value, new HeldStage(d.PipelineStageId, PipelineStage.Seeded.Single(s => s.Id == d.PipelineStageId).Name),
                StatusOf(d.PipelineStageId), d.LossReason, Person(d.UserId), d.CreatedAt, d.UpdatedAt, d.StageEnteredAt,
                notes.Where(n => n.DealId == d.Id).Select(n => new HeldNote(n.Id, n.Body, Person(n.UserId), n.CreatedAt)).ToList(),
                timeline[d.Id].ToList())),
            activities.ConvertAll(a => new HeldActivity(
                a.Id, ActivityType.NameOf(a.ActivityTypeId), a.Subject, a.Notes, a.DueDate, ActivityRow.TimeText(a.DueTime), a.DurationMinutes,
                a.DoneAt, a.Outcome, a.DealId, Person(a.UserId), a.CreatedAt)),
            conversation is null ? null : new HeldWhatsApp(conversation.Phone, conversation.LastInAt, conversation.LastOutAt));
    }

    private static string StatusOf(long stageId) => stageId switch
    {
        PipelineStage.Won => "won",
        PipelineStage.Lost => "lost",
        _ => "open",
    };
}
