using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Pipeline.Reports;

/// <summary>The reports' kept totals (ADR 0026): which calendar they count days in, and setting it.</summary>
internal static class ReportTotals
{
    /// <summary>The zone the database counts the totals' days in (pipeline.company_time_zone).</summary>
    public static async Task<string> KeptZoneAsync(PipelineDb db, CancellationToken ct) =>
        (await db.Database.SqlQuery<string>($"SELECT time_zone AS \"Value\" FROM pipeline.company_time_zone").ToListAsync(ct)).Single();

    /// <summary>
    /// Makes <paramref name="zone"/> the totals' calendar; when that is a change, the database rebuilds every company's
    /// totals in the same transaction, writes to deals and activities waiting meanwhile. True when it changed.
    /// </summary>
    /// <remarks>
    /// Plain Npgsql, not the DbContext: the start calls it before the server listens, where the DbContext's first use
    /// would build its model (ADR 0036). One batch (one implicit transaction) bound to every tenant first, as
    /// <see cref="ModuleDbFactory{TDb}.AcrossTenants"/> binds it.
    /// </remarks>
    public static async Task<bool> UseZoneAsync(NpgsqlDataSource dataSource, string zone, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(new NpgsqlBatchCommand(RowLevelSecurity.BindAllTenantsCall));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pipeline.use_time_zone_for_reports($1)")
        {
            Parameters = { new NpgsqlParameter<string> { TypedValue = zone } },
        });
        await using var reader = await batch.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) && reader.GetBoolean(0);
    }
}

/// <summary>
/// At start, before the server listens: the reports' totals count the days of Pipeline:TimeZone. Nothing to do on
/// every start but the first after the setting changed, which rebuilds them (seconds at QUALITY.md's size). A Host
/// that starts while the database is away still starts (it answers 503 and /health/ready says why): the step is then
/// retried in the background until the database is back.
/// </summary>
internal sealed class ReportTimeZone(NpgsqlDataSource dataSource, CompanyCalendar calendar, ILogger<ReportTimeZone> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private Task _retrying = Task.CompletedTask;

    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (await TryAsync(cancellationToken))
            return;
        var stopping = _stopping.Token; // still answers once the source is disposed
        _retrying = Task.Run(async () =>
        {
            while (!stopping.IsCancellationRequested)
            {
                await Task.Delay(TimeSpan.FromSeconds(5), stopping);
                if (await TryAsync(stopping))
                    return;
            }
        }, CancellationToken.None);
    }

    private async Task<bool> TryAsync(CancellationToken ct)
    {
        try
        {
            // Every company's totals: this crosses tenants on purpose.
            if (await ReportTotals.UseZoneAsync(dataSource, calendar.IanaZoneId, ct))
                logger.LogInformation("Pipeline:TimeZone is now {Zone}: the reports' totals were rebuilt in its days", calendar.IanaZoneId);
            return true;
        }
        catch (Exception ex) when (ex is Npgsql.NpgsqlException or System.Net.Sockets.SocketException or TimeoutException or InvalidOperationException && ex is not ObjectDisposedException)
        {
            logger.LogWarning(ex, "Setting the reports' time zone failed (is the database away?); trying again in 5 s");
            return false;
        }
    }

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        // A test host (WebApplicationFactory) can dispose its services before its own stop reaches this one: then the
        // retrying was cancelled by Dispose and there is nothing left to stop.
        try
        {
            await _stopping.CancelAsync();
        }
        catch (ObjectDisposedException)
        {
            return;
        }

        try
        {
            await _retrying;
        }
        catch (OperationCanceledException)
        {
            // stopped while waiting to retry
        }
    }

    public void Dispose()
    {
        _stopping.Cancel();
        _stopping.Dispose();
    }
}

/// <summary>One row of <c>pipeline.report_totals_drift()</c>: a kept total against what the deals or activities say.</summary>
internal sealed record ReportTotalDrift(string Totals, long TenantId, string Key, string Kept, string Actual);

/// <summary>
/// The reports' totals (ADR 0026) recomputed from the deals and activities of every company and compared, and their
/// calendar against Pipeline:TimeZone; with repair, set to what the sources say.
/// </summary>
internal sealed class ReportTotalsCheck(ModuleDbFactory<PipelineDb> dbs, NpgsqlDataSource dataSource, CompanyCalendar calendar) : IConsistencyCheck
{
    public async Task<int> CheckAsync(TextWriter output, bool repair, CancellationToken ct)
    {
        // Every company's totals: this unit of work crosses tenants on purpose.
        await using var db = dbs.AcrossTenants();
        var kept = await ReportTotals.KeptZoneAsync(db, ct);
        var zoneDiffers = kept != calendar.IanaZoneId;
        if (zoneDiffers)
            await output.WriteLineAsync($"pipeline.company_time_zone: the report totals count days in {kept}, Pipeline:TimeZone says {calendar.IanaZoneId}");
        var drift = await db.Database
            .SqlQueryRaw<ReportTotalDrift>("SELECT totals, tenant_id, key, kept, actual FROM pipeline.report_totals_drift()")
            .ToListAsync(ct);
        foreach (var d in drift)
            await output.WriteLineAsync($"pipeline.{d.Totals} tenant {d.TenantId} {d.Key}: kept {d.Kept}, the sources say {d.Actual}");
        var differences = drift.Count + (zoneDiffers ? 1 : 0);
        if (repair && zoneDiffers)
            await ReportTotals.UseZoneAsync(dataSource, calendar.IanaZoneId, ct); // rebuilds everything
        else if (repair && drift.Count > 0)
            await db.Database.ExecuteSqlRawAsync("SELECT pipeline.rebuild_report_totals()", ct);
        await output.WriteLineAsync($"pipeline report totals: {differences} difference(s){(repair && differences > 0 ? ", repaired" : "")}.");
        return differences;
    }
}
