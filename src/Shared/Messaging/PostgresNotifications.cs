using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>LISTENs on a PostgreSQL channel for as long as the host runs, reconnecting after a lost connection.</summary>
public static class PostgresNotifications
{
    /// <param name="onListening">Called each time the LISTEN is (re)established: catch up on what may have been missed.</param>
    public static async Task ListenAsync(
        NpgsqlDataSource dataSource, string channel, Action<string> onNotification, Action onListening, ILogger logger, TimeProvider clock, CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => onNotification(e.Payload);
                await using (var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection))
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                onListening();
                while (!stoppingToken.IsCancellationRequested)
                    await connection.WaitAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "LISTEN {Channel}: connection lost; reconnecting", channel);
                try
                {
                    await Task.Delay(TimeSpan.FromSeconds(2), clock, stoppingToken);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
            }
        }
    }
}
