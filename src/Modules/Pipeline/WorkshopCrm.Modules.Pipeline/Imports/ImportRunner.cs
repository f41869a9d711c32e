using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.History;
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
        // The first look builds the module's EF model: not inside the Host's start (ADR 0036).
        await Task.Yield();
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
        db.ActingUserId = import.UserId; // the history of what the batch changes is the importer's
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
/// One batch of rows. New leads and deals — nearly every row of a first import — are written set-based, one statement
/// each for the batch's leads and for its deals with their <c>created</c> history entries (the entry DealHistory
/// writes for a deal saved through EF, with the importer as its author), so the column totals' statement trigger runs
/// once per batch, not once per deal. Changes to leads and deals that exist (<c>update</c>) go through EF like any
/// edit, and get their history from PipelineDb's save.
/// </summary>
internal sealed class ImportBatch(PipelineDb db, Import import, bool callerIsOwner, CompanyCalendar calendar, DateTimeOffset now)
{
    private readonly Dictionary<long, int> _nextPosition = [];
    private readonly Dictionary<string, string> _columns = ImportMapping.FromJson(import.Mapping!).Columns;

    /// <summary>A lead this batch creates, with the deals it creates for it (and later rows' changes to both).</summary>
    private sealed class NewLead(ImportRow row)
    {
        public ImportRow Row { get; set; } = row;
        public long? Id { get; set; }
        public List<NewDeal> Deals { get; } = [];
    }

    private sealed record NewDeal(long UserId, long StageId, string Title, decimal Value, string? LossReason, int SortOrder, DateTimeOffset? CreatedAt)
    {
        public long LeadId { get; set; }
    }

    /// <summary>Writes the batch (EF's part is saved by the caller with the counters); answers whose deals changed.</summary>
    public async Task<HashSet<long>> WriteAsync(List<SpreadsheetRow> batch, ImportRows rows, CancellationToken ct)
    {
        var read = batch.Select(row => (Source: row, Result: rows.Read(row))).ToList();
        var emails = read.Where(r => r.Result.Row is not null).Select(r => r.Result.Row!.Email).Distinct().ToList();
        var leads = await db.Leads.Where(l => emails.Contains(l.Email)).ToDictionaryAsync(l => l.Email, ct);
        var leadIds = leads.Values.Select(l => l.Id).ToList();
        var deals = import.WithDeals
            ? (await db.Deals.Where(d => leadIds.Contains(d.LeadId)).ToListAsync(ct)).ToLookup(d => d.LeadId)
            : Enumerable.Empty<Deal>().ToLookup(d => d.LeadId);
        var created = new Dictionary<string, NewLead>(StringComparer.Ordinal);
        var dealsForExisting = new List<NewDeal>();
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
                    var existing = deals[lead.Id].FirstOrDefault(d => SameTitle(d.Title, row.Title));
                    if (existing is not null)
                    {
                        await UpdateDealAsync(existing, row, ct);
                        owners.Add(existing.UserId);
                    }
                    else if (!dealsForExisting.Any(d => d.LeadId == lead.Id && SameTitle(d.Title, row.Title)))
                    {
                        var deal = await NewDealAsync(row, ct);
                        deal.LeadId = lead.Id;
                        dealsForExisting.Add(deal);
                        owners.Add(row.OwnerId);
                    }
                }

                import.Updated++;
                continue;
            }

            if (created.TryGetValue(row.Email, out var pending))
            {
                // the e-mail came earlier in this very batch: a duplicate in the file
                if (!import.UpdateDuplicates)
                {
                    import.Skipped++;
                    continue;
                }

                var earlier = pending.Row;
                pending.Row = earlier with
                {
                    Name = row.Name, Phone = row.Phone ?? earlier.Phone, OwnerId = row.OwnerGiven ? row.OwnerId : earlier.OwnerId,
                };
                if (import.WithDeals && !pending.Deals.Any(d => SameTitle(d.Title, row.Title)))
                {
                    pending.Deals.Add(await NewDealAsync(row, ct));
                    owners.Add(row.OwnerId);
                }

                import.Updated++;
                continue;
            }

            var fresh = new NewLead(row);
            if (import.WithDeals)
            {
                fresh.Deals.Add(await NewDealAsync(row, ct));
                owners.Add(row.OwnerId);
            }

            created[row.Email] = fresh;
            import.Created++;
        }

        await InsertLeadsAsync(created.Values.ToList(), ct);
        await InsertDealsAsync([.. dealsForExisting, .. created.Values.SelectMany(l => l.Deals.Select(d => { d.LeadId = l.Id!.Value; return d; }))], ct);
        return owners;
    }

    private static bool SameTitle(string a, string? b) => string.Equals(a, b, StringComparison.OrdinalIgnoreCase);

    private async Task InsertLeadsAsync(List<NewLead> leads, CancellationToken ct)
    {
        if (leads.Count == 0)
            return;
        var tenantId = import.TenantId;
        var ids = await db.Database.SqlQuery<InsertedLead>(
            $"""
             INSERT INTO pipeline.leads (tenant_id, user_id, name, email, phone, created_at, updated_at)
             SELECT {tenantId}, r.user_id, r.name, r.email, r.phone, coalesce(r.created_at, {now}), {now}
             FROM unnest({leads.Select(l => l.Row.OwnerId).ToArray()}, {leads.Select(l => l.Row.Name).ToArray()},
                         {leads.Select(l => l.Row.Email).ToArray()}, {leads.Select(l => l.Row.Phone).ToArray()},
                         {leads.Select(l => Instant(l.Row.CreatedOn)).ToArray()}) AS r(user_id, name, email, phone, created_at)
             RETURNING id, email
             """).ToDictionaryAsync(l => l.Email, l => l.Id, ct);
        foreach (var lead in leads)
            lead.Id = ids[lead.Row.Email];
    }

    /// <summary>The new deals and, in the same statement, each one's <c>created</c> history entry.</summary>
    private async Task InsertDealsAsync(List<NewDeal> deals, CancellationToken ct)
    {
        if (deals.Count == 0)
            return;
        var (tenantId, by) = (import.TenantId, import.UserId);
        await db.Database.ExecuteSqlAsync(
            $"""
             WITH inserted AS (
                 INSERT INTO pipeline.deals (tenant_id, lead_id, user_id, pipeline_stage_id, title, value, loss_reason, sort_order,
                                             stage_entered_at, furthest_stage_id, created_at, updated_at)
                 SELECT {tenantId}, r.lead_id, r.user_id, r.stage_id, r.title, r.value, r.loss_reason, r.sort_order,
                        coalesce(r.created_at, {now}), CASE WHEN r.stage_id = {PipelineStage.Lost} THEN NULL ELSE r.stage_id END,
                        coalesce(r.created_at, {now}), {now}
                 FROM unnest({deals.Select(d => d.LeadId).ToArray()}, {deals.Select(d => d.UserId).ToArray()},
                             {deals.Select(d => d.StageId).ToArray()}, {deals.Select(d => d.Title).ToArray()},
                             {deals.Select(d => d.Value).ToArray()}, {deals.Select(d => d.LossReason).ToArray()},
                             {deals.Select(d => d.SortOrder).ToArray()}, {deals.Select(d => d.CreatedAt).ToArray()})
                      AS r(lead_id, user_id, stage_id, title, value, loss_reason, sort_order, created_at)
                 RETURNING id, pipeline_stage_id, value, user_id, title, loss_reason, created_at)
             INSERT INTO pipeline.deal_events (tenant_id, deal_id, deal_event_kind_id, user_id, at, to_stage_id, to_value, to_user_id, to_title, loss_reason)
             SELECT {tenantId}, id, {DealEventKind.Created}, {by}, created_at, pipeline_stage_id, value, user_id, title, loss_reason FROM inserted
             """, ct);
    }

    private sealed record InsertedLead(long Id, string Email);

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

    private async Task<NewDeal> NewDealAsync(ImportRow row, CancellationToken ct)
    {
        var stageId = row.StageId ?? PipelineStage.NewLead;
        return new NewDeal(row.OwnerId, stageId, row.Title!, row.Value, row.LossReason, await NextPositionAsync(stageId, ct), Instant(row.CreatedOn));
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
            position = await ordering.EndAsync(stageId, ct);
        }

        _nextPosition[stageId] = position + ColumnOrdering.Gap;
        return position;
    }

    /// <summary>A day from the sheet as the company's noon of that day (a date has no time; noon never changes the day).</summary>
    private DateTimeOffset? Instant(DateOnly? day) => day is { } d ? calendar.InstantOf(d, new TimeOnly(12, 0)).ToUniversalTime() : null;
}
