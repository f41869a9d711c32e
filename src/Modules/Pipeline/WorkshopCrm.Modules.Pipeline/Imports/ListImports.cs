using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

internal sealed record ListImportsRequest : IPaged
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

internal sealed class ListImportsValidator : Validator<ListImportsRequest>
{
    public ListImportsValidator() => this.ValidPaging();
}

/// <summary>The caller's imports, newest first.</summary>
internal sealed class ListImports(PipelineDb db, Access access) : Endpoint<ListImportsRequest, PagedList<ImportView>>
{
    public override void Configure()
    {
        Get("/api/imports");
        Summary(s => s.Summary = "Your imports, newest first");
    }

    public override async Task HandleAsync(ListImportsRequest req, CancellationToken ct)
    {
        var userId = access.UserId;
        var mine = db.Imports.AsNoTracking().Where(i => i.UserId == userId);
        var page = await mine.OrderByDescending(i => i.Id).Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        await Send.OkAsync(new PagedList<ImportView>([.. page.Select(ImportView.Of)], req.Page, req.PageSize, await mine.CountAsync(ct)), ct);
    }
}
