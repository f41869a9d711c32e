using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

internal sealed record ImportIdRequest(long Id);

/// <summary>Starts the run in the background (any Host instance takes it); progress comes as SSE <c>import.progress</c>.</summary>
internal sealed class StartImport(PipelineDb db, Access access, ImportSignal signal, TimeProvider clock)
    : Endpoint<ImportIdRequest, Results<Accepted<ImportView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/imports/{id}/start");
        Summary(s => s.Summary = "Start the import (202); it runs in the background");
    }

    public override async Task<Results<Accepted<ImportView>, ProblemHttpResult>> ExecuteAsync(ImportIdRequest req, CancellationToken ct)
    {
        if (await ImportView.MineAsync(db, req.Id, access.UserId, ct) is not { } import)
            return Problems.NotFound("import.not_found", "No such import.");
        if (import.ImportStatusId != ImportStatus.Uploaded)
            return Problems.Conflict("import.already_started", "This import has already started.");
        if (import.Mapping is null)
            return Problems.Field("mapping", "Map the columns first.", "import.not_mapped", StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow();
        import.ImportStatusId = ImportStatus.Running;
        import.StartedAt = now;
        db.Publish(new AuditRecorded(import.TenantId, access.UserId, AuditActions.Import,
            $"import #{import.Id}: {import.FileName}, {import.Total} rows of {(import.WithDeals ? "leads with deals" : "leads")}",
            HttpContext.Connection.RemoteIpAddress?.ToString(), now));
        await db.SaveChangesAsync(ct); // the status change and the audit entry commit together
        signal.Wake();
        return TypedResults.Accepted($"/api/imports/{import.Id}", ImportView.Of(import));
    }
}

/// <summary>Stops a run after the batch being written: rows already written stay, the rest are not written.</summary>
internal sealed class CancelImport(PipelineDb db, Access access, TimeProvider clock)
    : Endpoint<ImportIdRequest, Results<Accepted<ImportView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/imports/{id}/cancel");
        Summary(s => s.Summary = "Cancel the import (202): what is written stays, the rest is not written");
    }

    public override async Task<Results<Accepted<ImportView>, ProblemHttpResult>> ExecuteAsync(ImportIdRequest req, CancellationToken ct)
    {
        if (await ImportView.MineAsync(db, req.Id, access.UserId, ct) is not { } import)
            return Problems.NotFound("import.not_found", "No such import.");
        if (ImportStatus.IsFinished(import.ImportStatusId))
            return Problems.Conflict("import.finished", "This import has already finished.");

        if (import.ImportStatusId == ImportStatus.Uploaded)
        {
            import.ImportStatusId = ImportStatus.Cancelled;
            import.FinishedAt = clock.GetUtcNow();
        }
        else
            import.CancelRequested = true; // the runner stops before its next batch

        await db.SaveChangesAsync(ct);
        return TypedResults.Accepted($"/api/imports/{import.Id}", ImportView.Of(import));
    }
}

/// <summary>One of the caller's imports: status and counters.</summary>
internal sealed class GetImport(PipelineDb db, Access access) : Endpoint<ImportIdRequest, Results<Ok<ImportView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/imports/{id}");
        Summary(s => s.Summary = "An import's status and counters");
    }

    public override async Task<Results<Ok<ImportView>, ProblemHttpResult>> ExecuteAsync(ImportIdRequest req, CancellationToken ct) =>
        await ImportView.MineAsync(db, req.Id, access.UserId, ct) is { } import
            ? TypedResults.Ok(ImportView.Of(import))
            : Problems.NotFound("import.not_found", "No such import.");
}

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
