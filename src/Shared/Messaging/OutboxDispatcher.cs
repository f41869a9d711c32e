using System.Text.Json;
using System.Threading.Channels;
using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// Delivers one module's outbox through MassTransit's mediator: claims due rows with FOR UPDATE SKIP LOCKED
/// (several Host instances share the table safely), marks a row delivered only after every consumer succeeded,
/// otherwise retries with back-off and finally parks it as a dead letter. Woken by LISTEN/NOTIFY, with a poll as
/// the safety net.
/// </summary>
internal sealed class OutboxDispatcher : BackgroundService
{
    /// <summary>
    /// The keyed NpgsqlDataSource of the dispatchers' claims: a pool of their own, since a claim's connection is held
    /// while the consumers it delivers to take theirs from the requests' pool (ADR 0040).
    /// </summary>
    public const string DataSourceKey = "outbox";

    private readonly Channel<bool> _wakeUps = Channel.CreateBounded<bool>(
        new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });

    private readonly ModuleMessageTables table;
    private readonly NpgsqlDataSource dataSource;
    private readonly IMediator mediator;
    private readonly IOptions<OutboxOptions> options;
    private readonly TimeProvider clock;
    private readonly ILogger<OutboxDispatcher> logger;

    public OutboxDispatcher(ModuleMessageTables table, [FromKeyedServices(DataSourceKey)] NpgsqlDataSource dataSource, IMediator mediator, IOptions<OutboxOptions> options,
        TimeProvider clock, ILogger<OutboxDispatcher> logger, PostgresNotifications notifications)
    {
        (this.table, this.dataSource, this.mediator, this.options, this.clock, this.logger) = (table, dataSource, mediator, options, clock, logger);
        if (options.Value.Enabled)
            notifications.Subscribe(table.NotifyChannel, _ => _wakeUps.Writer.TryWrite(true), () => _wakeUps.Writer.TryWrite(true));
    }

    private DateTimeOffset _nextPurge = DateTimeOffset.MinValue;

    private OutboxOptions Options => options.Value;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (!Options.Enabled)
            return;

        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                var claimed = await DispatchBatchAsync(stoppingToken);
                await PurgeOldRowsAsync(stoppingToken);
                if (claimed < Options.BatchSize)
                    await WaitForWorkAsync(stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                break;
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Outbox {Schema}: dispatch failed; trying again shortly", table.Schema);
                await WaitForWorkAsync(stoppingToken);
            }
        }
    }

    private async Task WaitForWorkAsync(CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(Options.PollInterval);
        try
        {
            await _wakeUps.Reader.ReadAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
        {
            // the poll interval passed without a NOTIFY: look anyway
        }
    }

    private async Task<int> DispatchBatchAsync(CancellationToken stoppingToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(stoppingToken);
        await using var transaction = await connection.BeginTransactionAsync(stoppingToken);
        var rows = await ClaimDueRowsAsync(connection, transaction, stoppingToken);
        foreach (var row in rows)
        {
            if (await DeliverAsync(row, stoppingToken) is { } error)
                await RecordFailureAsync(connection, transaction, row, error, stoppingToken);
        }

        await transaction.CommitAsync(CancellationToken.None);
        return rows.Count;
    }

    /// <summary>
    /// Locks the due rows and marks them delivered in one statement, as if every delivery will succeed (the usual
    /// case): a batch of deliveries then costs this statement and the commit (ADR 0034). A failed delivery puts its row
    /// back as it was, with the error and its next attempt; a crash rolls the whole claim back.
    /// </summary>
    private async Task<List<ClaimedRow>> ClaimDueRowsAsync(NpgsqlConnection connection, NpgsqlTransaction transaction, CancellationToken ct)
    {
        // The claim's commit does not wait for the WAL flush (ADR 0037): a crash that loses it only delivers the rows
        // again, and the writes that made them (and every consumer's, committed before it) were flushed already.
        await using var claim = new NpgsqlBatch(connection, transaction)
        {
            BatchCommands =
            {
                new NpgsqlBatchCommand("SET LOCAL synchronous_commit = off"),
                new NpgsqlBatchCommand(
                    $$"""
                      WITH due AS (
                          SELECT id, type, payload, attempts, available_at FROM {{table.Outbox}}
                          WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND available_at <= $1
                          ORDER BY available_at, id
                          LIMIT $2
                          FOR UPDATE SKIP LOCKED),
                      delivered AS (
                          UPDATE {{table.Outbox}} o
                          SET delivered_at = $1, attempts = o.attempts + 1, last_error = NULL,
                              payload = CASE WHEN o.scrub_on_delivery THEN '{}'::jsonb ELSE o.payload END
                          FROM due WHERE o.id = due.id)
                      SELECT id, type, payload, attempts FROM due ORDER BY available_at, id
                      """)
                {
                    Parameters =
                    {
                        new NpgsqlParameter<DateTimeOffset> { TypedValue = clock.GetUtcNow() },
                        new NpgsqlParameter<int> { TypedValue = Options.BatchSize },
                    },
                },
            },
        };
        var rows = new List<ClaimedRow>();
        await using var reader = await claim.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(new ClaimedRow(reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3)));
        return rows;
    }

    private async Task<Exception?> DeliverAsync(ClaimedRow row, CancellationToken stoppingToken)
    {
        try
        {
            var type = MessageTypes.Resolve(row.Type)
                ?? throw new InvalidOperationException($"Unknown message type '{row.Type}'.");
            var message = JsonSerializer.Deserialize(row.Payload, type, MessageTypes.Json)
                ?? throw new InvalidOperationException("The payload deserialized to null.");
            await mediator.Publish(message, type, Pipe.Execute<PublishContext>(context => context.MessageId = row.Id), stoppingToken);
            return null;
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            throw; // shutting down: the transaction rolls back and the rows are claimed again on the next start
        }
        catch (Exception ex)
        {
            return ex;
        }
    }

    private async Task RecordFailureAsync(
        NpgsqlConnection connection, NpgsqlTransaction transaction, ClaimedRow row, Exception error, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var attempts = row.Attempts + 1;
        var deadLetter = attempts >= Options.MaxAttempts;
        // Undoes the claim's optimistic mark: not delivered, the payload as it was (a scrubbed one too).
        await using var update = new NpgsqlCommand(
            $"""
             UPDATE {table.Outbox}
             SET delivered_at = NULL, payload = @payload::jsonb, attempts = @attempts, last_error = @error,
                 available_at = @availableAt, dead_lettered_at = CASE WHEN @deadLetter THEN @now END
             WHERE id = @id
             """, connection, transaction);
        update.Parameters.AddWithValue("id", row.Id);
        update.Parameters.AddWithValue("now", now);
        update.Parameters.AddWithValue("payload", row.Payload);
        update.Parameters.AddWithValue("attempts", attempts);
        update.Parameters.AddWithValue("error", error.ToString());
        update.Parameters.AddWithValue("availableAt", now + Options.RetryDelayAfter(attempts));
        update.Parameters.AddWithValue("deadLetter", deadLetter);
        if (deadLetter)
            logger.LogError(error, "Outbox {Schema}: message {MessageId} ({MessageType}) dead-lettered after {Attempts} attempts", table.Schema, row.Id, row.Type, attempts);
        else
            logger.LogWarning(error, "Outbox {Schema}: message {MessageId} ({MessageType}) failed attempt {Attempts}; retrying", table.Schema, row.Id, row.Type, attempts);

        await update.ExecuteNonQueryAsync(ct);
    }

    private async Task PurgeOldRowsAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        if (now < _nextPurge)
            return;

        _nextPurge = now.AddMinutes(10);
        await using var purge = dataSource.CreateCommand(
            $"""
             DELETE FROM {table.Outbox} WHERE delivered_at < @deliveredBefore;
             DELETE FROM {table.Inbox} WHERE processed_at < @processedBefore;
             """);
        purge.Parameters.AddWithValue("deliveredBefore", now - Options.DeliveredRetention);
        purge.Parameters.AddWithValue("processedBefore", now - Options.InboxRetention);
        await purge.ExecuteNonQueryAsync(ct);
    }

    private sealed record ClaimedRow(Guid Id, string Type, string Payload, int Attempts);
}
