using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>The SSE <c>import.progress</c>: the counters of one import, a few numbers (pg_notify carries at most 8,000 bytes).</summary>
internal sealed record ImportProgress(
    long ImportId, string Status, int Total, int Processed, int Created, int Updated, int Skipped, int Failed)
{
    /// <summary>Tells the import's user's open screens, on every instance, when the current transaction commits.</summary>
    public static Task NotifyAsync(PipelineDb db, Import import, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("import.progress", import.TenantId, null, import.UserId, null, null, null,
            Import: new ImportProgress(import.Id, ImportStatus.Names[import.ImportStatusId], import.Total, import.Processed,
                import.Created, import.Updated, import.Skipped, import.Failed)), ct);
}
