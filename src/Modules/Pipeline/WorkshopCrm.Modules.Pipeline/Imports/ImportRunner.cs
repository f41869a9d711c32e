using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Live;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Imports;

/// <summary>Wakes this instance's runner at once when an import starts here (the poll finds the others').</summary>
internal sealed class ImportSignal : IDisposable
{
    private readonly SemaphoreSlim _signal = new(0, 1);

    public void Wake()
    {
        try
        {
            _signal.Release();
        }
        catch (SemaphoreFullException)
        {
            // already awake
        }
    }

    public Task<bool> WaitAsync(TimeSpan timeout, CancellationToken ct) => _signal.WaitAsync(timeout, ct);

    public void Dispose() => _signal.Dispose();
}

/// <summary>
/// Runs imports in the background, on any Host instance (ADR 0025). An instance takes a Running import whose lease is
/// free (<c>FOR UPDATE SKIP LOCKED</c>: one instance each), then writes it a batch at a time: each batch's leads,
/// deals, their history, the rejected rows, the counters and the new <see cref="Import.Processed"/> commit together,
/// under the import's row lock, and only if <see cref="Import.Processed"/> is still where this run left it. So a run
/// stopped anywhere (kill -9, a restart, a lost lease) resumes after its last committed batch on whichever instance
/// takes it over, and no row is ever written twice.
/// </summary>
internal sealed class ImportRunner(
    ModuleDbFactory<PipelineDb> dbs, ImportSignal signal, CompanyCalendar calendar, IOptions<PipelineOptions> options,
    TimeProvider clock, ILogger<ImportRunner> logger) : BackgroundService
{
    private const int AttemptsPerBatch = 3;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                while (await ClaimAsync(stoppingToken) is { } claimed)
                    await RunAsync(claimed.Id, claimed.TenantId, stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Looking for imports to run failed; trying again at the next tick");
            }

            try
            {
                await signal.WaitAsync(options.Value.ImportPollInterval, stoppingToken);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>The claimed import (columns by the naming convention: id, tenant_id).</summary>
    private sealed record Claimed(long Id, long TenantId);

    /// <summary>A Running import no instance holds, now held by this one: the one question that crosses tenants.</summary>
    private async Task<Claimed?> ClaimAsync(CancellationToken ct)
    {
        await using var across = dbs.AcrossTenants();
        var now = clock.GetUtcNow();
        var until = now + options.Value.ImportLease;
        var claimed = await across.Database.SqlQuery<Claimed>(
            $"""
             UPDATE pipeline.imports SET lease_until = {until}
             WHERE id = (SELECT id FROM pipeline.imports
                         WHERE import_status_id = {ImportStatus.Running} AND (lease_until IS NULL OR lease_until < {now})
                         ORDER BY id LIMIT 1 FOR UPDATE SKIP LOCKED)
             RETURNING id, tenant_id
             """).ToListAsync(ct);
        return claimed.SingleOrDefault();
    }

    private async Task RunAsync(long importId, long tenantId, CancellationToken ct)
    {
        Import import;
        bool callerIsOwner;
        List<ImportMember> members;
        await using (var db = dbs.ForTenant(tenantId))
        {
            import = await db.Imports.AsNoTracking().SingleAsync(i => i.Id == importId, ct);
            callerIsOwner = await db.Members.AnyAsync(m => m.UserId == import.UserId && m.RoleId == RoleIds.BusinessOwner, ct);
            members = await db.Members.AsNoTracking().Where(m => m.IsActive)
                .Select(m => new ImportMember(m.UserId, m.Name, m.Email)).ToListAsync(ct);
        }

        var rows = new ImportRows(import, members, callerIsOwner, calendar.Now().Today);
        var cursor = import.Processed;
        await using var file = await OpenAsync(tenantId, importId, ct);
        var batch = new List<SpreadsheetRow>(options.Value.ImportBatchSize);
        var seen = 0;
        foreach (var row in Spreadsheet.Rows(file, SpreadsheetKind.Of(import.Format, import.Encoding, import.Separator)).Skip(1))
        {
            if (seen++ < cursor)
                continue; // committed by an earlier run
            batch.Add(row);
            if (batch.Count < options.Value.ImportBatchSize)
                continue;
            if (!await WriteWithRetriesAsync(tenantId, importId, cursor, batch, rows, callerIsOwner, ct))
                return;
            cursor += batch.Count;
            batch.Clear();
        }

        await WriteWithRetriesAsync(tenantId, importId, cursor, batch, rows, callerIsOwner, ct, last: true);
    }

    private async Task<FileStream> OpenAsync(long tenantId, long importId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        return await ImportFiles.OpenAsync(db, importId, ct);
    }

    private async Task<bool> WriteWithRetriesAsync(
        long tenantId, long importId, int cursor, List<SpreadsheetRow> batch, ImportRows rows, bool callerIsOwner, CancellationToken ct, bool last = false)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await WriteAsync(tenantId, importId, cursor, batch, rows, callerIsOwner, last, ct);
            }
            catch (Exception ex) when (ex is not OperationCanceledException && attempt < AttemptsPerBatch)
            {
                logger.LogWarning(ex, "Import {ImportId}: the batch after row {Cursor} failed (attempt {Attempt}); trying again", importId, cursor, attempt);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogError(ex, "Import {ImportId}: the batch after row {Cursor} failed {Attempts} times; the import fails", importId, cursor, attempt);
                await FailAsync(tenantId, importId, ct);
                return false;
            }
        }
    }

    /// <summary>One batch, in one transaction; false when the run must stop here (cancelled, finished, or taken over).</summary>
    private async Task<bool> WriteAsync(
        long tenantId, long importId, int cursor, List<SpreadsheetRow> batch, ImportRows rows, bool callerIsOwner, bool last, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await db.Imports.FromSql($"SELECT * FROM pipeline.imports WHERE id = {importId} FOR UPDATE").SingleAsync(ct);
        if (import.ImportStatusId != ImportStatus.Running || import.Processed != cursor)
            return false; // finished, cancelled before it ran, or another instance got further
        var now = clock.GetUtcNow();
        if (import.CancelRequested)
        {
            import.ImportStatusId = ImportStatus.Cancelled;
            import.FinishedAt = now;
            import.LeaseUntil = null;
            await db.SaveChangesAsync(ct);
            await ImportProgress.NotifyAsync(db, import, ct);
            await transaction.CommitAsync(ct);
            return false;
        }

        var owners = await new ImportBatch(db, import, callerIsOwner, calendar, now).WriteAsync(batch, rows, ct);
        import.Processed = cursor + batch.Count;
        import.LeaseUntil = now + options.Value.ImportLease;
        if (last || import.Processed >= import.Total)
        {
            import.ImportStatusId = ImportStatus.Completed;
            import.FinishedAt = now;
            import.LeaseUntil = null;
        }

        await db.SaveChangesAsync(ct);
        await ImportProgress.NotifyAsync(db, import, ct);
        foreach (var ownerId in owners)
            await BoardRelay.NotifyAsync(db, new BoardEvent("deal.created", tenantId, null, ownerId, null, null, null), ct);
        await transaction.CommitAsync(ct);
        return import.ImportStatusId == ImportStatus.Running;
    }

    private async Task FailAsync(long tenantId, long importId, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var import = await db.Imports.FromSql($"SELECT * FROM pipeline.imports WHERE id = {importId} FOR UPDATE").SingleAsync(ct);
        if (import.ImportStatusId != ImportStatus.Running)
            return;
        import.ImportStatusId = ImportStatus.Failed;
        import.FailureReason = ImportText.Of("import.failed", ImportText.IsEnglish(import.Language));
        import.FinishedAt = clock.GetUtcNow();
        import.LeaseUntil = null;
        await db.SaveChangesAsync(ct);
        await ImportProgress.NotifyAsync(db, import, ct);
        await transaction.CommitAsync(ct);
    }
}

/// <summary>
/// One batch of rows written through EF like any other change: a lead (or the lead found by its e-mail), a deal at the
/// end of its column, the deal's history by PipelineDb's save, the column totals by the database's triggers.
/// </summary>
internal sealed class ImportBatch(PipelineDb db, Import import, bool callerIsOwner, CompanyCalendar calendar, DateTimeOffset now)
{
    private readonly Dictionary<long, int> _nextPosition = [];
    private readonly Dictionary<string, string> _columns = ImportMapping.FromJson(import.Mapping!).Columns;

    /// <summary>Writes the batch (not saved yet: the caller's save commits it with the counters); answers whose deals changed.</summary>
    public async Task<HashSet<long>> WriteAsync(List<SpreadsheetRow> batch, ImportRows rows, CancellationToken ct)
    {
        var read = batch.Select(row => (Source: row, Result: rows.Read(row))).ToList();
        var emails = read.Where(r => r.Result.Row is not null).Select(r => r.Result.Row!.Email).Distinct().ToList();
        var leads = await db.Leads.Where(l => emails.Contains(l.Email)).ToDictionaryAsync(l => l.Email, ct);
        var leadIds = leads.Values.Select(l => l.Id).ToList();
        var deals = import.WithDeals
            ? (await db.Deals.Where(d => leadIds.Contains(d.LeadId)).ToListAsync(ct)).ToLookup(d => d.LeadId)
            : Enumerable.Empty<Deal>().ToLookup(d => d.LeadId);
        var newDeals = new Dictionary<string, List<Deal>>();
        var owners = new HashSet<long>();

        foreach (var (source, (row, errors)) in read)
        {
            if (row is null)
            {
                Reject(source, errors);
                continue;
            }

            if (leads.TryGetValue(row.Email, out var lead))
            {
                if (!import.UpdateDuplicates)
                {
                    import.Skipped++;
                    continue;
                }

                if (!callerIsOwner && lead.UserId != import.UserId)
                {
                    Reject(source, [new RowError(row.Row, ImportFields.Email, "import.lead_not_yours",
                        ImportText.Of("import.lead_not_yours", ImportText.IsEnglish(import.Language)))]);
                    continue;
                }

                Update(lead, row);
                if (import.WithDeals)
                {
                    var existing = deals[lead.Id].Concat(newDeals.GetValueOrDefault(row.Email) ?? [])
                        .FirstOrDefault(d => string.Equals(d.Title, row.Title, StringComparison.OrdinalIgnoreCase));
                    if (existing is null)
                        (newDeals.TryGetValue(row.Email, out var list) ? list : newDeals[row.Email] = []).Add(await CreateDealAsync(lead, row, ct));
                    else
                        await UpdateDealAsync(existing, row, ct);
                    owners.Add(existing?.UserId ?? row.OwnerId);
                }

                import.Updated++;
                continue;
            }

            lead = new Lead
            {
                Name = row.Name, Email = row.Email, Phone = row.Phone, UserId = row.OwnerId, CreatedAt = Instant(row.CreatedOn),
            };
            db.Leads.Add(lead);
            leads[row.Email] = lead;
            if (import.WithDeals)
            {
                newDeals[row.Email] = [await CreateDealAsync(lead, row, ct)];
                owners.Add(row.OwnerId);
            }

            import.Created++;
        }

        return owners;
    }

    private void Reject(SpreadsheetRow source, List<RowError> errors)
    {
        import.Failed++;
        db.ImportRejections.Add(new ImportRejection
        {
            ImportId = import.Id,
            Row = source.Row,
            Field = errors[0].Field,
            Message = string.Join(" ", errors.Select(Reason)),
            Cells = source.Texts(),
        });
    }

    /// <summary>
    /// A reason as the rejected rows' file says it: after the file's own header for the field ("E-mail: Obrigatório."),
    /// never the API's field name ("createdAt"), which is not in the user's language.
    /// </summary>
    private string Reason(RowError e) => _columns.TryGetValue(e.Field, out var column) ? $"{column}: {e.Message}" : e.Message;

    private static void Update(Lead lead, ImportRow row)
    {
        lead.Name = row.Name;
        if (row.Phone is not null)
            lead.Phone = row.Phone;
        if (row.OwnerGiven)
            lead.UserId = row.OwnerId;
    }

    private async Task<Deal> CreateDealAsync(Lead lead, ImportRow row, CancellationToken ct)
    {
        var stageId = row.StageId ?? PipelineStage.NewLead;
        var created = Instant(row.CreatedOn);
        var deal = new Deal
        {
            Lead = lead,
            UserId = row.OwnerId,
            PipelineStageId = stageId,
            Title = row.Title!,
            Value = row.Value,
            LossReason = row.LossReason,
            SortOrder = await NextPositionAsync(stageId, ct),
            StageEnteredAt = created ?? now,
            CreatedAt = created,
        };
        db.Deals.Add(deal);
        return deal;
    }

    private async Task UpdateDealAsync(Deal deal, ImportRow row, CancellationToken ct)
    {
        if (row.ValueGiven)
            deal.Value = row.Value;
        if (row.OwnerGiven)
            deal.UserId = row.OwnerId;
        if (row.StageGiven && row.StageId is { } stageId && stageId != deal.PipelineStageId)
        {
            deal.PipelineStageId = stageId;
            deal.SortOrder = await NextPositionAsync(stageId, ct);
            deal.StageEnteredAt = now;
        }

        deal.LossReason = deal.PipelineStageId == PipelineStage.Lost ? row.LossReason ?? deal.LossReason : null;
    }

    /// <summary>The end of the column, after the cards already there; the column's lock is shared as a creation's is.</summary>
    private async Task<int> NextPositionAsync(long stageId, CancellationToken ct)
    {
        if (!_nextPosition.TryGetValue(stageId, out var position))
        {
            var ordering = new ColumnOrdering(db);
            await ordering.ShareAsync(import.TenantId, stageId, ct);
            position = await ordering.PositionAsync(db.Deals, stageId, movingId: 0, beforeId: null, afterId: null, ct);
        }

        _nextPosition[stageId] = position + ColumnOrdering.Gap;
        return position;
    }

    /// <summary>A day from the sheet as the company's noon of that day (a date has no time; noon never changes the day).</summary>
    private DateTimeOffset? Instant(DateOnly? day) => day is { } d ? calendar.InstantOf(d, new TimeOnly(12, 0)) : null;
}
