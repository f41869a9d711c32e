using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

internal sealed record AddNoteRequest(long Id, string Body);

internal sealed class AddNoteValidator : Validator<AddNoteRequest>
{
    public AddNoteValidator() => RuleFor(r => r.Body).RequiredText(10_000);
}

/// <summary>Writes a note on a deal the caller can see.</summary>
internal sealed class AddNote(PipelineDb db, Access access, Team team) : Endpoint<AddNoteRequest, Results<Created<NoteView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/deals/{id}/notes");
        Summary(s => s.Summary = "Add a note to a deal");
    }

    public override async Task<Results<Created<NoteView>, ProblemHttpResult>> ExecuteAsync(AddNoteRequest req, CancellationToken ct)
    {
        if (!await access.VisibleDeals().AnyAsync(d => d.Id == req.Id, ct))
            return DealProblems.NotFound;

        await team.EnsureCallerAsync(ct);
        var note = new DealNote { DealId = req.Id, UserId = access.UserId, Body = req.Body.Trim() };
        db.Notes.Add(note);
        await db.SaveChangesAsync(ct);
        var author = await db.Members.Where(m => m.UserId == access.UserId).Select(m => new NoteAuthor(m.UserId, m.Name)).SingleAsync(ct);
        return TypedResults.Created((string?)null, new NoteView(note.Id, note.Body, author, note.CreatedAt));
    }
}
