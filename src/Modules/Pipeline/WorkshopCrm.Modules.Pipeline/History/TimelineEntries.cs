using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.History;

/// <summary>History rows as the timeline shows them (a deal's timeline, and a lead's personal data).</summary>
internal static class TimelineEntries
{
    /// <summary>One entry per row, in the rows' order; the people they name are looked up in one query.</summary>
    public static async Task<List<TimelineEntry>> DescribeAsync(PipelineDb db, IReadOnlyList<DealEvent> rows, CancellationToken ct)
    {
        var people = rows.SelectMany(e => new[] { e.UserId, e.FromUserId, e.ToUserId }).OfType<long>().Distinct().ToList();
        var names = people.Count == 0
            ? []
            : await db.Members.AsNoTracking().Where(m => people.Contains(m.UserId)).ToDictionaryAsync(m => m.UserId, m => m.Name, ct);
        TimelinePerson? Person(long? id) => id is { } x ? new TimelinePerson(x, names.GetValueOrDefault(x, "")) : null;
        static TimelineStage? Stage(long? id) =>
            id is { } x ? new TimelineStage(x, PipelineStage.Seeded.FirstOrDefault(s => s.Id == x)?.Name ?? "") : null;

        return rows.Select(e =>
        {
            var (from, to) = e.DealEventKindId switch
            {
                DealEventKind.Created => ((object?)null, (object?)new TimelineStart(Stage(e.ToStageId)!, e.ToValue, Person(e.ToUserId), e.ToTitle)),
                DealEventKind.StageChanged => (Stage(e.FromStageId), Stage(e.ToStageId)),
                DealEventKind.OwnerChanged => (Person(e.FromUserId), Person(e.ToUserId)),
                DealEventKind.ValueChanged => (e.FromValue, e.ToValue),
                DealEventKind.TitleChanged => (e.FromTitle, e.ToTitle),
                _ => (null, null),
            };
            return new TimelineEntry(e.Id, e.At, DealEventKind.NameOf(e.DealEventKindId), Person(e.UserId), from, to,
                e.DealEventKindId is DealEventKind.StageChanged or DealEventKind.Created ? e.LossReason : null, e.NoteId, e.ActivityId, e.Subject,
                e.StartOfHistory);
        }).ToList();
    }
}
