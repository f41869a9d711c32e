using MassTransit;
using Npgsql;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// Base of a consumer whose whole work is one notification to every Host instance's open screens (<c>pg_notify</c>).
/// The inbox claim and the NOTIFY are one statement, and so one transaction of their own: the notification goes out
/// exactly when the claim commits, a redelivery notifies nothing twice, and a relay costs one round trip instead of
/// a unit of work's four (ADR 0034). The inbox table has no tenant, so nothing is bound.
/// </summary>
public abstract class IdempotentRelay<TMessage>(NpgsqlDataSource dataSource) : IConsumer<TMessage>
    where TMessage : class
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("Integration events are delivered from the outbox with a message id.");
        var (channel, payload) = Relay(context.Message);
        // The inbox's name is ours (the module's schema), never input; the values are parameters. One batch, so one
        // implicit transaction, whose commit does not wait for the WAL flush (ADR 0037): a crash that loses it loses a
        // notification the screens' next read makes up for, and the outbox delivers the message again.
        await using var relay = dataSource.CreateBatch();
        relay.BatchCommands.Add(new NpgsqlBatchCommand("SELECT set_config('synchronous_commit', 'off', true)"));
        relay.BatchCommands.Add(new NpgsqlBatchCommand(
            $"""
             WITH claimed AS (
                 INSERT INTO {new ModuleMessageTables(Schema).Inbox} (message_id, consumer, processed_at)
                 VALUES ($1, $2, now()) ON CONFLICT DO NOTHING RETURNING 1)
             SELECT pg_notify($3, $4) FROM claimed
             """)
        {
            Parameters =
            {
                new NpgsqlParameter<Guid> { TypedValue = messageId },
                new NpgsqlParameter<string> { TypedValue = ConsumerName },
                new NpgsqlParameter<string> { TypedValue = channel },
                new NpgsqlParameter<string> { TypedValue = payload },
            },
        });
        await relay.ExecuteNonQueryAsync(context.CancellationToken);
    }

    /// <summary>The module's schema, whose inbox the relay claims its messages in.</summary>
    protected abstract string Schema { get; }

    /// <summary>The channel and the payload (small: pg_notify refuses 8,000 bytes) the message becomes.</summary>
    protected abstract (string Channel, string Payload) Relay(TMessage message);

    private string ConsumerName => GetType().FullName ?? GetType().Name;
}
