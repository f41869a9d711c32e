using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Notes;

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
internal sealed class ListNotes(PipelineDb db, Access access) : Endpoint<ListNotesRequest, Results<Ok<PagedList<NoteView>>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/deals/{id}/notes");
        Summary(s => s.Summary = "Notes of a deal, newest first");
    }

    public override async Task<Results<Ok<PagedList<NoteView>>, ProblemHttpResult>> ExecuteAsync(ListNotesRequest req, CancellationToken ct)
    {
        if (!await access.VisibleDeals().AnyAsync(d => d.Id == req.Id, ct))
            return DealProblems.NotFound;

        var notes = db.Notes.AsNoTracking().Where(n => n.DealId == req.Id);
        var total = await notes.CountAsync(ct);
        var items = await (from n in notes
                           join m in db.Members on n.UserId equals m.UserId
                           orderby n.CreatedAt descending, n.Id descending
                           select new NoteView(n.Id, n.Body, new NoteAuthor(m.UserId, m.Name), n.CreatedAt))
            .Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        return TypedResults.Ok(new PagedList<NoteView>(items, req.Page, req.PageSize, total));
    }
}
