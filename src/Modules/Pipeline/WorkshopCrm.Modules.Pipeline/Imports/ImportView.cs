using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>An import as its owner follows it (GET /api/imports/{id}, the SSE <c>import.progress</c> carries the counters).</summary>
internal sealed record ImportView(
    long Id, string Kind, string FileName, string Format, string? Encoding, string? Separator, string Status,
    string[] Columns, Dictionary<string, string>? Mapping, string Duplicates, long? OwnerId, long? StageId,
    int Total, int Processed, int Created, int Updated, int Skipped, int Failed, bool CancelRequested, string? FailureReason,
    DateTimeOffset CreatedAt, DateTimeOffset? StartedAt, DateTimeOffset? FinishedAt)
{
    public static ImportView Of(Import i) => new(
        i.Id, i.WithDeals ? "deals" : "leads", i.FileName, i.Format, i.Encoding, i.Separator, ImportStatus.Names[i.ImportStatusId],
        i.Columns, i.Mapping is null ? null : ImportMapping.FromJson(i.Mapping).Columns, i.UpdateDuplicates ? "update" : "skip",
        i.DefaultOwnerId, i.DefaultStageId, i.Total, i.Processed, i.Created, i.Updated, i.Skipped, i.Failed, i.CancelRequested,
        i.FailureReason, i.CreatedAt, i.StartedAt, i.FinishedAt);

    /// <summary>The caller's own import, or null: someone else's (even a Business Owner's colleague's) is a 404.</summary>
    public static Task<Import?> MineAsync(PipelineDb db, long importId, long userId, CancellationToken ct) =>
        db.Imports.SingleOrDefaultAsync(i => i.Id == importId && i.UserId == userId, ct);
}

/// <summary>The answer to an upload: the import, a few rows to look at, and the mapping its headers suggest.</summary>
internal sealed record UploadedImport(ImportView Import, string?[][] SampleRows, Dictionary<string, string> SuggestedMapping, IReadOnlyList<string> Fields);
