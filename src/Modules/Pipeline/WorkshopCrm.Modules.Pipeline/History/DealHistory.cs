using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;

namespace WorkshopCrm.Modules.Pipeline.History;

/// <summary>
/// Writes a deal's history from what the unit of work is about to save (PipelineDb.BeforeSave): a new deal is
/// <c>created</c>; a changed stage, owner, value or title is one entry each. Every path that changes a deal through
/// EF — the API, the hand-over on deactivation, the demo seeder, an import — gets its history without remembering to.
/// A note added and an activity on the deal completed are entries too. A column renumbering (sort order only)
/// writes nothing. A move on the board is the one write outside EF: pipeline.move_deal writes its stage change (and the
/// furthest stage) itself, with the same columns (ADR 0039); a change to the stage entry here belongs there too.
/// </summary>
internal static class DealHistory
{
    /// <summary>The furthest stage after a deal is in <paramref name="stage"/>: stage order is id order; Lost is no step.</summary>
    public static long? Further(long? furthest, long stage) =>
        stage == Stages.PipelineStage.Lost ? furthest : Math.Max(furthest ?? 0, stage);

    public static void Record(PipelineDb db, DateTimeOffset now)
    {
        var entries = new List<DealEvent>();
        foreach (var entry in db.ChangeTracker.Entries<Deal>())
        {
            var deal = entry.Entity;
            if (entry.State == EntityState.Added)
            {
                deal.FurthestStageId = Further(deal.FurthestStageId, deal.PipelineStageId);
                entries.Add(new DealEvent
                {
                    Deal = deal, DealEventKindId = DealEventKind.Created, At = deal.CreatedAt ?? now, ToStageId = deal.PipelineStageId, ToValue = deal.Value,
                    ToUserId = deal.UserId, ToTitle = deal.Title, LossReason = deal.LossReason,
                });
                continue;
            }

            if (entry.State != EntityState.Modified)
                continue;

            var stage = entry.Property(d => d.PipelineStageId);
            if (stage.IsModified && stage.OriginalValue != stage.CurrentValue)
            {
                deal.FurthestStageId = Further(deal.FurthestStageId, stage.CurrentValue);
                entries.Add(new DealEvent
                {
                    DealId = deal.Id, DealEventKindId = DealEventKind.StageChanged, FromStageId = stage.OriginalValue, ToStageId = stage.CurrentValue,
                    LossReason = deal.LossReason,
                });
            }

            var owner = entry.Property(d => d.UserId);
            if (owner.IsModified && owner.OriginalValue != owner.CurrentValue)
                entries.Add(new DealEvent { DealId = deal.Id, DealEventKindId = DealEventKind.OwnerChanged, FromUserId = owner.OriginalValue, ToUserId = owner.CurrentValue });

            var value = entry.Property(d => d.Value);
            if (value.IsModified && value.OriginalValue != value.CurrentValue)
                entries.Add(new DealEvent { DealId = deal.Id, DealEventKindId = DealEventKind.ValueChanged, FromValue = value.OriginalValue, ToValue = value.CurrentValue });

            var title = entry.Property(d => d.Title);
            if (title.IsModified && title.OriginalValue != title.CurrentValue)
                entries.Add(new DealEvent { DealId = deal.Id, DealEventKindId = DealEventKind.TitleChanged, FromTitle = title.OriginalValue, ToTitle = title.CurrentValue });
        }

        // A new note is an entry; the note's id is known once it is inserted, in the same save (the navigation).
        foreach (var entry in db.ChangeTracker.Entries<Notes.DealNote>().Where(e => e.State == EntityState.Added))
            entries.Add(new DealEvent { DealId = entry.Entity.DealId, DealEventKindId = DealEventKind.NoteAdded, Note = entry.Entity });

        // An activity on a deal done now (not a done one edited, not a reopening).
        foreach (var entry in db.ChangeTracker.Entries<Activities.Activity>().Where(e => e.State == EntityState.Modified))
        {
            var done = entry.Property(a => a.DoneAt);
            if (entry.Entity.DealId is { } dealId && done.IsModified && done.OriginalValue is null && done.CurrentValue is not null)
            {
                entries.Add(new DealEvent
                {
                    DealId = dealId, DealEventKindId = DealEventKind.ActivityCompleted, ActivityId = entry.Entity.Id, Subject = entry.Entity.Subject,
                });
            }
        }

        foreach (var e in entries)
        {
            e.UserId = db.ActingUserId;
            if (e.At == default)
                e.At = now;
            db.DealEvents.Add(e);
        }
    }
}
