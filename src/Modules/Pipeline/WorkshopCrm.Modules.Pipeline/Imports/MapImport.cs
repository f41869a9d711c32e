using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Imports;

internal sealed record MapImportRequest
{
    public long Id { get; init; }
    public Dictionary<string, string>? Mapping { get; init; }
    public string? Duplicates { get; init; }
    public long? OwnerId { get; init; }
    public long? StageId { get; init; }
}

internal sealed class MapImportValidator : Validator<MapImportRequest>
{
    public MapImportValidator()
    {
        RuleFor(r => r.Mapping).NotNull().WithMessage("Required.");
        RuleFor(r => r.Duplicates).Must(d => d is "skip" or "update").WithMessage("Must be skip or update.");
        RuleFor(r => r.StageId).Must(s => s is null || PipelineStage.Exists(s.Value)).WithMessage("No such stage.");
        RuleFor(r => r.StageId).Must(s => s != PipelineStage.Lost).WithMessage("A lost deal needs its own reason: map a stage column instead.");
    }
}

/// <summary>What the run would do, row by row, without writing a lead.</summary>
internal sealed record DryRun(int Total, int Valid, int Invalid, int Duplicates, IReadOnlyList<DryRunError> Errors);

internal sealed record DryRunError(int Row, string Field, string Code, string Message);

/// <summary>
/// The user's mapping of columns to fields, how to treat duplicates (skip or update), and the default owner and
/// stage; answered with a dry run over the whole file: rows that would be written, rows refused (the first 100
/// reasons, per field, in the user's language), and duplicates (an e-mail already in the company or earlier in the file).
/// </summary>
internal sealed class MapImport(PipelineDb db, Access access, Team team, CompanyCalendar calendar)
    : Endpoint<MapImportRequest, Results<Ok<DryRun>, ProblemHttpResult>>
{
    public const int ListedErrors = 100;

    public override void Configure()
    {
        Put("/api/imports/{id}/mapping");
        Summary(s => s.Summary = "Map the file's columns to fields and see what the import would do (dry run)");
    }

    public override async Task<Results<Ok<DryRun>, ProblemHttpResult>> ExecuteAsync(MapImportRequest req, CancellationToken ct)
    {
        if (await ImportView.MineAsync(db, req.Id, access.UserId, ct) is not { } import)
            return Problems.NotFound("import.not_found", "No such import.");
        if (import.ImportStatusId != ImportStatus.Uploaded)
            return Problems.Conflict("import.already_started", "This import has already started.");

        var fields = ImportFields.For(import.WithDeals);
        foreach (var (field, column) in req.Mapping!)
        {
            if (!fields.Contains(field))
                return Problems.Field($"mapping.{field}", $"Unknown field: use {string.Join(", ", fields)}.", "import.field_unknown");
            if (!import.Columns.Contains(column))
                return Problems.Field($"mapping.{field}", "The file has no such column.", "import.column_unknown");
        }

        foreach (var required in new[] { ImportFields.Name, ImportFields.Email })
        {
            if (!req.Mapping.ContainsKey(required))
                return Problems.Field($"mapping.{required}", "Required.", "import.field_required");
        }

        if (req.OwnerId is { } ownerId)
        {
            if (ownerId != access.UserId && !access.IsOwner)
                return Problems.Field("ownerId", "Only a Business Owner chooses another owner.", "import.owner_forbidden", StatusCodes.Status403Forbidden);
            if (!await team.IsActiveMemberAsync(ownerId, ct))
                return Problems.Field("ownerId", "The owner must be an active user of your company.", "import.owner_invalid");
        }

        import.Mapping = new ImportMapping(req.Mapping).ToJson();
        import.UpdateDuplicates = req.Duplicates == "update";
        import.DefaultOwnerId = req.OwnerId;
        import.DefaultStageId = import.WithDeals ? req.StageId : null;
        await db.SaveChangesAsync(ct);

        return TypedResults.Ok(await DryRunAsync(import, ct));
    }

    private async Task<DryRun> DryRunAsync(Import import, CancellationToken ct)
    {
        var members = await db.Members.AsNoTracking().Where(m => m.IsActive).Select(m => new ImportMember(m.UserId, m.Name, m.Email)).ToListAsync(ct);
        var rows = new ImportRows(import, members, access.IsOwner, calendar.Now().Today);
        var english = ImportText.IsEnglish(import.Language);
        var errors = new List<DryRunError>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new List<ImportRow>();
        int valid = 0, invalid = 0, duplicates = 0;

        async Task FlushAsync()
        {
            var emails = pending.Select(r => r.Email).Distinct().ToList();
            var owners = await db.Leads.AsNoTracking().Where(l => emails.Contains(l.Email)).Select(l => new { l.Email, l.UserId }).ToDictionaryAsync(l => l.Email, l => l.UserId, ct);
            foreach (var row in pending)
            {
                if (seen.Contains(row.Email) || owners.ContainsKey(row.Email) && import.UpdateDuplicates is false)
                    duplicates++;
                else if (owners.TryGetValue(row.Email, out var owner))
                {
                    if (!access.IsOwner && owner != access.UserId)
                    {
                        invalid++;
                        if (errors.Count < ListedErrors)
                            errors.Add(new DryRunError(row.Row, ImportFields.Email, "import.lead_not_yours", ImportText.Of("import.lead_not_yours", english)));
                    }
                    else
                        duplicates++;
                }
                else
                    valid++;

                seen.Add(row.Email);
            }

            pending.Clear();
        }

        await using var file = await ImportFiles.OpenAsync(db, import.Id, ct);
        foreach (var source in Spreadsheet.Rows(file, SpreadsheetKind.Of(import.Format, import.Encoding, import.Separator)).Skip(1))
        {
            var (row, rowErrors) = rows.Read(source);
            if (row is null)
            {
                invalid++;
                errors.AddRange(rowErrors.Take(ListedErrors - errors.Count).Select(e => new DryRunError(e.Row, e.Field, e.Code, e.Message)));
                continue;
            }

            pending.Add(row);
            if (pending.Count == 1000)
                await FlushAsync();
        }

        await FlushAsync();
        return new DryRun(import.Total, valid, invalid, duplicates, errors);
    }
}
