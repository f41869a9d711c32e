using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// One LISTEN connection per Host for every channel (each module's outbox, the live feeds), reconnecting after a lost
/// connection. Subscribe from a constructor: every hosted service is built before any starts, so all channels are
/// known when the connection opens. Its data source is ConnectionStrings__Listen when set: LISTEN holds a server
/// session, which pgbouncer's transaction mode does not give (docs/operations/scale-out.md).
/// </summary>
public sealed class PostgresNotifications(
    [FromKeyedServices(PostgresNotifications.DataSourceKey)] NpgsqlDataSource dataSource, TimeProvider clock, ILogger<PostgresNotifications> logger)
    : BackgroundService
{
    /// <summary>The keyed NpgsqlDataSource the LISTEN connection comes from.</summary>
    public const string DataSourceKey = "listen";

    private readonly ConcurrentDictionary<string, List<(Action<string> OnNotification, Action OnListening)>> _channels = new(StringComparer.Ordinal);

    /// <param name="channel">The NOTIFY channel.</param>
    /// <param name="onNotification">Called with each payload.</param>
    /// <param name="onListening">Called each time the LISTEN is (re)established: catch up on what may have been missed.</param>
    public void Subscribe(string channel, Action<string> onNotification, Action? onListening = null)
    {
        var handlers = _channels.GetOrAdd(channel, _ => []);
        lock (handlers)
            handlers.Add((onNotification, onListening ?? (() => { })));
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (_channels.IsEmpty)
            return;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
                connection.Notification += (_, e) => Dispatch(e.Channel, e.Payload);
                foreach (var channel in _channels.Keys)
                {
                    await using var listen = new NpgsqlCommand($"LISTEN \"{channel}\"", connection);
                    await listen.ExecuteNonQueryAsync(stoppingToken);
                }

                foreach (var (_, onListening) in _channels.Values.SelectMany(Snapshot))
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
                logger.LogWarning(ex, "LISTEN connection lost; reconnecting (dispatchers keep polling meanwhile)");
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

    private void Dispatch(string channel, string payload)
    {
        if (!_channels.TryGetValue(channel, out var handlers))
            return;
        foreach (var (onNotification, _) in Snapshot(handlers))
        {
            try
            {
                onNotification(payload);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "A handler of {Channel} failed", channel);
            }
        }
    }

    private static List<(Action<string> OnNotification, Action OnListening)> Snapshot(List<(Action<string>, Action)> handlers)
    {
        lock (handlers)
            return [.. handlers];
    }
}
