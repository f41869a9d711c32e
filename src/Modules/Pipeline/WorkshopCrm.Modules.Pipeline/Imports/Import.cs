using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>Where an import stands (pipeline.import_statuses, seeded; no enum columns, seed note 2).</summary>
internal static class ImportStatus
{
    public const long Uploaded = 1;
    public const long Running = 2;
    public const long Completed = 3;
    public const long Failed = 4;
    public const long Cancelled = 5;

    public static readonly IReadOnlyDictionary<long, string> Names = new Dictionary<long, string>
    {
        [Uploaded] = "Uploaded", [Running] = "Running", [Completed] = "Completed", [Failed] = "Failed", [Cancelled] = "Cancelled",
    };

    public static bool IsFinished(long status) => status is Completed or Failed or Cancelled;
}

/// <summary>A row of pipeline.import_statuses.</summary>
internal sealed class ImportStatusRow
{
    public long Id { get; set; }
    public required string Name { get; set; }
}

/// <summary>
/// A spreadsheet brought in by one user (ADR 0025): what the file holds (format, encoding, separator, header, row
/// count), how its columns map to a lead's and a deal's fields, and how far the background run has come. The run's
/// counters and <see cref="Processed"/> (the rows done, in file order) are written in the same transaction as each
/// batch of leads and deals, so a run that resumes after a restart starts exactly after the last batch that committed.
/// </summary>
internal sealed class Import : ITenantScoped
{
    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>Who uploaded it: the only one who maps, starts, follows and cancels it.</summary>
    public long UserId { get; set; }

    /// <summary>Leads only, or a lead and a deal per row.</summary>
    public bool WithDeals { get; set; }

    public required string FileName { get; set; }

    /// <summary><c>csv</c> or <c>xlsx</c>.</summary>
    public required string Format { get; set; }

    /// <summary>For a CSV: <c>utf-8</c>, <c>utf-16</c> or <c>windows-1252</c>.</summary>
    public string? Encoding { get; set; }

    /// <summary>For a CSV: <c>,</c>, <c>;</c> or a tab.</summary>
    public string? Separator { get; set; }

    /// <summary>The file's size in bytes.</summary>
    public long Size { get; set; }

    /// <summary>The header row's names, made unique and never blank.</summary>
    public string[] Columns { get; set; } = [];

    /// <summary>The language of the row errors and the rejected rows' file: <c>pt-BR</c> or <c>en</c>.</summary>
    public required string Language { get; set; }

    /// <summary>The chosen mapping as JSON (<see cref="ImportMapping"/>), null until the user maps the columns.</summary>
    public string? Mapping { get; set; }

    public bool UpdateDuplicates { get; set; }
    public long? DefaultOwnerId { get; set; }
    public long? DefaultStageId { get; set; }

    public long ImportStatusId { get; set; } = ImportStatus.Uploaded;

    /// <summary>Data rows in the file (the header is not one).</summary>
    public int Total { get; set; }

    public int Processed { get; set; }
    public int Created { get; set; }
    public int Updated { get; set; }
    public int Skipped { get; set; }
    public int Failed { get; set; }

    public bool CancelRequested { get; set; }

    /// <summary>Until when the Host instance running it holds it; a run whose lease ran out is taken over.</summary>
    public DateTimeOffset? LeaseUntil { get; set; }

    /// <summary>Why the run failed, for the user (in its language).</summary>
    public string? FailureReason { get; set; }

    public DateTimeOffset CreatedAt { get; set; }
    public DateTimeOffset? StartedAt { get; set; }
    public DateTimeOffset? FinishedAt { get; set; }
}

/// <summary>The uploaded file, in pieces of <see cref="ImportFiles.ChunkSize"/> bytes (never one 20 MB value in memory).</summary>
internal sealed class ImportFileChunk : ITenantScoped
{
    public long ImportId { get; set; }
    public int Sequence { get; set; }
    public long TenantId { get; set; }
    public required byte[] Content { get; set; }
}

/// <summary>A row the run refused, with the row's cells as they were, for the rejected rows' file.</summary>
internal sealed class ImportRejection : ITenantScoped
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long ImportId { get; set; }

    /// <summary>The spreadsheet row (the header is row 1).</summary>
    public int Row { get; set; }

    public required string Field { get; set; }
    public required string Message { get; set; }
    public string?[] Cells { get; set; } = [];
}
