using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Stages;

internal sealed record StageView(long Id, string Name, int SortOrder, bool IsTerminal);

/// <summary>The seven columns of the board, in order.</summary>
internal sealed class ListStages(PipelineDb db) : EndpointWithoutRequest<IReadOnlyList<StageView>>
{
    public override void Configure()
    {
        Get("/api/pipeline/stages");
        Summary(s => s.Summary = "The pipeline's stages");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await db.Stages.AsNoTracking().OrderBy(s => s.SortOrder)
            .Select(s => new StageView(s.Id, s.Name, s.SortOrder, s.IsTerminal)).ToListAsync(ct), ct);
}
