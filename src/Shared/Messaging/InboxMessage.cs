using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// One message handled by one consumer (modelled on MassTransit's InboxState): written in the consumer's own
/// transaction, so a redelivered message changes nothing twice.
/// </summary>
public sealed class InboxMessage
{
    public Guid MessageId { get; init; }
    public required string Consumer { get; init; }
    public DateTimeOffset ProcessedAt { get; init; }
}

internal sealed class InboxMessageConfiguration : IEntityTypeConfiguration<InboxMessage>
{
    public void Configure(EntityTypeBuilder<InboxMessage> builder)
    {
        builder.ToTable("inbox_messages");
        builder.HasKey(m => new { m.MessageId, m.Consumer }).HasName("inbox_messages_pkey");
        builder.Property(m => m.Consumer).HasMaxLength(300);
        builder.HasIndex(m => m.ProcessedAt).HasDatabaseName("inbox_messages_processed_at_index");
    }
}
