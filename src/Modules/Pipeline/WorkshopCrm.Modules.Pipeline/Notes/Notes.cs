using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

internal sealed record NoteAuthor(long Id, string Name);

internal sealed record NoteView(long Id, string Body, NoteAuthor Author, DateTimeOffset? CreatedAt);

internal sealed record ListNotesRequest : IPaged
{
    public long Id { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListNotesValidator : Validator<ListNotesRequest>
{
    public ListNotesValidator() => this.ValidPaging();
}

/// <summary>A deal's notes, newest first, with their authors.</summary>
internal sealed class ListNotes(PipelineDb db, Access access) : Endpoint<ListNotesRequest, PagedList<NoteView>>
{
    public override void Configure()
    {
        Get("/api/deals/{id}/notes");
        Summary(s => s.Summary = "Notes of a deal, newest first");
    }

    public override async Task HandleAsync(ListNotesRequest req, CancellationToken ct)
    {
        if (!await access.VisibleDeals().AnyAsync(d => d.Id == req.Id, ct))
        {
            await Send.ResultAsync(DealRules.NotFound);
            return;
        }

        var notes = db.Notes.AsNoTracking().Where(n => n.DealId == req.Id);
        var total = await notes.CountAsync(ct);
        var items = await (from n in notes
                           join m in db.Members on n.UserId equals m.UserId
                           orderby n.CreatedAt descending, n.Id descending
                           select new NoteView(n.Id, n.Body, new NoteAuthor(m.UserId, m.Name), n.CreatedAt))
            .Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        await Send.OkAsync(new PagedList<NoteView>(items, req.Page, req.PageSize, total), ct);
    }
}

internal sealed record AddNoteRequest(long Id, string Body);

internal sealed class AddNoteValidator : Validator<AddNoteRequest>
{
    public AddNoteValidator() => RuleFor(r => r.Body).RequiredText(10_000);
}

/// <summary>Writes a note on a deal the caller can see.</summary>
internal sealed class AddNote(PipelineDb db, Access access, Team team) : Endpoint<AddNoteRequest, NoteView>
{
    public override void Configure()
    {
        Post("/api/deals/{id}/notes");
        Summary(s => s.Summary = "Add a note to a deal");
    }

    public override async Task HandleAsync(AddNoteRequest req, CancellationToken ct)
    {
        if (!await access.VisibleDeals().AnyAsync(d => d.Id == req.Id, ct))
        {
            await Send.ResultAsync(DealRules.NotFound);
            return;
        }

        await team.EnsureCallerAsync(ct);
        var note = new DealNote { DealId = req.Id, UserId = access.UserId, Body = req.Body.Trim() };
        db.Notes.Add(note);
        await db.SaveChangesAsync(ct);
        var author = await db.Members.Where(m => m.UserId == access.UserId).Select(m => new NoteAuthor(m.UserId, m.Name)).SingleAsync(ct);
        await Send.ResponseAsync(new NoteView(note.Id, note.Body, author, note.CreatedAt), StatusCodes.Status201Created, ct);
    }
}

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
