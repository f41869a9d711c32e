using MassTransit;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// Base of every consumer of an integration event. Claims (message id, consumer) in the module's inbox inside the
/// consumer's own transaction, so a redelivery after a crash or a retry changes nothing twice.
/// </summary>
public abstract class IdempotentConsumer<TMessage, TDb>(ModuleDbFactory<TDb> dbs) : IConsumer<TMessage>
    where TMessage : class
    where TDb : ModuleDbContext
{
    public async Task Consume(ConsumeContext<TMessage> context)
    {
        var messageId = context.MessageId
            ?? throw new InvalidOperationException("Integration events are delivered from the outbox with a message id.");
        var ct = context.CancellationToken;

        await using var db = TenantOf(context.Message) is { } tenantId ? dbs.ForTenant(tenantId)
            : CrossesTenants ? dbs.AcrossTenants()
            : dbs.WithoutTenant();
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // The table name is ours (the module's schema), never input; the values are parameters.
        var insert = "INSERT INTO " + new ModuleMessageTables(db.Schema).Inbox + " (message_id, consumer, processed_at) VALUES ({0}, {1}, now()) ON CONFLICT DO NOTHING";
        var claimed = await db.Database.ExecuteSqlRawAsync(insert, [messageId, ConsumerName], ct);
        if (claimed == 0)
            return; // handled before

        await HandleAsync(db, context.Message, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
    }

    /// <summary>The tenant the message is about; the unit of work is bound to it (null: bound to none, see <see cref="CrossesTenants"/>).</summary>
    protected abstract long? TenantOf(TMessage message);

    /// <summary>
    /// True for the rare message that names no tenant and must find its rows in every one (a password reset names an
    /// e-mail): its unit of work is <see cref="ModuleDbFactory{TDb}.AcrossTenants"/> (ADR 0018).
    /// </summary>
    protected virtual bool CrossesTenants => false;

    /// <summary>The consumer's work. Changes tracked on <paramref name="db"/> are saved with the inbox row.</summary>
    protected abstract Task HandleAsync(TDb db, TMessage message, CancellationToken ct);

    private string ConsumerName => GetType().FullName ?? GetType().Name;
}
