using Microsoft.Extensions.Diagnostics.HealthChecks;
using Npgsql;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Host.Health;

/// <summary>
/// Each module's outbox: unhealthy when due messages have waited longer than <see cref="StaleAfter"/> (the dispatcher
/// is stuck or far behind), degraded while dead letters wait for someone to look at them.
/// </summary>
internal sealed class OutboxBacklogHealthCheck(IEnumerable<ModuleMessageTables> tables, NpgsqlDataSource dataSource, TimeProvider clock) : IHealthCheck
{
    public static readonly TimeSpan StaleAfter = TimeSpan.FromMinutes(2);

    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object>();
        var stale = false;
        var deadLetters = 0L;
        try
        {
            foreach (var table in tables)
            {
                await using var query = dataSource.CreateCommand(
                    $"""
                     SELECT count(*) FILTER (WHERE delivered_at IS NULL AND dead_lettered_at IS NULL),
                            count(*) FILTER (WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND available_at < @staleBefore),
                            count(*) FILTER (WHERE dead_lettered_at IS NOT NULL)
                     FROM {table.Outbox} WHERE delivered_at IS NULL
                     """);
                query.Parameters.AddWithValue("staleBefore", clock.GetUtcNow() - StaleAfter);
                await using var reader = await query.ExecuteReaderAsync(cancellationToken);
                await reader.ReadAsync(cancellationToken);
                data[$"{table.Schema}.pending"] = reader.GetInt64(0);
                data[$"{table.Schema}.stale"] = reader.GetInt64(1);
                data[$"{table.Schema}.deadLetters"] = reader.GetInt64(2);
                stale |= reader.GetInt64(1) > 0;
                deadLetters += reader.GetInt64(2);
            }
        }
        catch (Exception ex) when (ex is NpgsqlException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy("The outbox could not be read.", ex);
        }

        if (stale)
            return HealthCheckResult.Unhealthy("Messages have waited in an outbox for more than two minutes.", data: data);
        return deadLetters > 0
            ? HealthCheckResult.Degraded($"{deadLetters} dead letter(s) wait to be replayed (dead-letters list).", data: data)
            : HealthCheckResult.Healthy(data: data);
    }
}
