using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

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
