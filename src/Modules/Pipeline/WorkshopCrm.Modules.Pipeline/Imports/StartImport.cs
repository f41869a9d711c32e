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
