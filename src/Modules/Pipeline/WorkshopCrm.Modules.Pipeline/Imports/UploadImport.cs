using FastEndpoints;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

internal sealed class UploadImportRequest
{
    public IFormFile? File { get; init; }
    public string? Kind { get; init; }
}

/// <summary>
/// A .csv or .xlsx of at most 20 MB: what it is is found from its bytes (format, encoding, separator), it is read once
/// from start to end (rows counted, limits checked) and stored; the answer shows its columns, a few rows and the
/// mapping its headers suggest. Nothing is written for a file that is refused.
/// </summary>
internal sealed class UploadImport(PipelineDb db, Access access, Team team, IOptions<PipelineOptions> options, TimeProvider clock)
    : Endpoint<UploadImportRequest, Results<Created<UploadedImport>, ProblemHttpResult>>
{
    public const long MaxBytes = 20L * 1024 * 1024;

    public override void Configure()
    {
        Post("/api/imports");
        AllowFileUploads();
        // the form around a 20 MB file; Kestrel answers a larger body 413 before it is read
        Options(b => b.WithMetadata(new RequestSizeLimitAttribute(MaxBytes + 256 * 1024)).Produces(StatusCodes.Status413PayloadTooLarge));
        Summary(s => s.Summary = "Upload a spreadsheet (.csv or .xlsx, at most 20 MB) to import leads, or leads with a deal each");
    }

    public override async Task<Results<Created<UploadedImport>, ProblemHttpResult>> ExecuteAsync(UploadImportRequest req, CancellationToken ct)
    {
        if (req.Kind is not ("leads" or "deals"))
            return Problems.Field("kind", "Must be leads or deals.", "import.kind_invalid");
        if (req.File is not { } upload)
            return Problems.Field("file", "Required.", "import.file_required");
        if (upload.Length > MaxBytes)
            return Problems.Field("file", "The file is larger than 20 MB.", "import.file_too_large", StatusCodes.Status413PayloadTooLarge);

        await team.EnsureCallerAsync(ct);
        await using var file = ImportFiles.Temporary();
        await using (var source = upload.OpenReadStream())
            await source.CopyToAsync(file, ct);

        SpreadsheetKind kind;
        string[] columns;
        var samples = new List<string?[]>();
        var total = 0;
        var english = Reports.ReportOwner.English(HttpContext);
        try
        {
            kind = Spreadsheet.Detect(file);
            SpreadsheetRow? header = null;
            foreach (var row in Spreadsheet.Rows(file, kind))
            {
                if (header is null)
                {
                    header = row;
                    continue;
                }

                if (++total > options.Value.ImportMaxRows)
                    throw new SpreadsheetRefused("import.too_many_rows", StatusCodes.Status413PayloadTooLarge);
                if (samples.Count < Spreadsheet.SampleRows)
                    samples.Add(row.Texts());
                ct.ThrowIfCancellationRequested();
            }

            if (header is null)
                throw new SpreadsheetRefused("import.file_empty");
            if (total == 0)
                throw new SpreadsheetRefused("import.file_only_header");
            columns = ImportFields.Columns(header, english);
        }
        catch (SpreadsheetRefused refused)
        {
            return Problems.Field("file", RefusalText(refused.Code, options.Value.ImportMaxRows), refused.Code, refused.Status);
        }

        var import = new Import
        {
            UserId = access.UserId,
            WithDeals = req.Kind == "deals",
            FileName = FileName(upload.FileName),
            Format = kind.Format,
            Encoding = kind.EncodingName,
            Separator = kind.Format == "csv" ? kind.Separator.ToString() : null,
            Size = file.Length,
            Columns = columns,
            Language = english ? "en" : "pt-BR",
            Total = total,
            CreatedAt = clock.GetUtcNow(),
        };
        await using (var transaction = await db.Database.BeginTransactionAsync(ct))
        {
            db.Imports.Add(import);
            await db.SaveChangesAsync(ct);
            await ImportFiles.SaveAsync(db, import.Id, file, ct);
            await transaction.CommitAsync(ct);
        }

        var fields = ImportFields.For(import.WithDeals);
        return TypedResults.Created($"/api/imports/{import.Id}",
            new UploadedImport(ImportView.Of(import), [.. samples.Select(s => Pad(s, columns.Length))], ImportFields.Suggest(columns, import.WithDeals), fields));
    }

    private static string?[] Pad(string?[] cells, int width) => cells.Length >= width ? cells[..width] : [.. cells, .. new string?[width - cells.Length]];

    private static string FileName(string name)
    {
        var clean = new string(Path.GetFileName(name).Where(c => !char.IsControl(c)).ToArray()).Trim();
        return clean.Length == 0 ? "planilha" : clean.Length > 255 ? clean[..255] : clean;
    }

    /// <summary>The server's English words for a refused file (the SPA shows its own by the code).</summary>
    public static string RefusalText(string code, int maxRows) => code switch
    {
        "import.file_empty" => "The file is empty.",
        "import.file_only_header" => "The file has a header row and no data rows.",
        "import.file_protected_or_xls" => "The file is password-protected or an old .xls: save it as .xlsx or .csv without a password.",
        "import.file_not_spreadsheet" => "The file is not a spreadsheet: send a .csv or .xlsx.",
        "import.file_malformed" => "The file could not be read as a spreadsheet.",
        "import.file_too_large_unpacked" => "The spreadsheet unpacks to more than 400 MB.",
        "import.too_many_rows" => $"The file has more than {maxRows:N0} rows; split it.",
        "import.too_many_columns" => $"A row has more than {Spreadsheet.MaxColumns} columns.",
        "import.row_too_large" => "A row is larger than 1 MB.",
        _ => "The file cannot be imported.",
    };
}
