using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

internal sealed record DeleteNoteRequest(long Id, long NoteId);

/// <summary>Deletes a note: its author, or a Business Owner.</summary>
internal sealed class DeleteNote(PipelineDb db, Access access) : Endpoint<DeleteNoteRequest>
{
    public override void Configure()
    {
        Delete("/api/deals/{id}/notes/{noteId}");
        Summary(s => s.Summary = "Delete a note (its author or a Business Owner)");
    }

    public override async Task HandleAsync(DeleteNoteRequest req, CancellationToken ct)
    {
        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == req.NoteId && n.DealId == req.Id && access.VisibleDeals().Any(d => d.Id == n.DealId), ct);
        if (note is null)
        {
            await Send.ResultAsync(Problems.NotFound("note.not_found", "No such note."));
            return;
        }

        if (!access.IsOwner && note.UserId != access.UserId)
        {
            await Send.ResultAsync(Problems.Forbidden("note.not_yours", "Only its author or a Business Owner deletes a note."));
            return;
        }

        db.Notes.Remove(note);
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
