using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

internal sealed record DeleteNoteRequest(long Id, long NoteId);

/// <summary>Deletes a note: its author, or a Business Owner.</summary>
internal sealed class DeleteNote(PipelineDb db, Access access) : Endpoint<DeleteNoteRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/deals/{id}/notes/{noteId}");
        Summary(s => s.Summary = "Delete a note (its author or a Business Owner)");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(DeleteNoteRequest req, CancellationToken ct)
    {
        var note = await db.Notes.SingleOrDefaultAsync(n => n.Id == req.NoteId && n.DealId == req.Id && access.VisibleDeals().Any(d => d.Id == n.DealId), ct);
        if (note is null)
            return Problems.NotFound("note.not_found", "No such note.");

        if (!access.IsOwner && note.UserId != access.UserId)
            return Problems.Forbidden("note.not_yours", "Only its author or a Business Owner deletes a note.");

        db.Notes.Remove(note);
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
