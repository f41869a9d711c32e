using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>
/// An integration event waiting in <c>&lt;schema&gt;.outbox_messages</c>, saved in the same transaction as the change
/// that raised it (modelled on MassTransit's OutboxMessage). Delivered rows are kept for a while, then purged.
/// </summary>
public sealed class OutboxMessage
{
    public Guid Id { get; init; }
    public required string Type { get; init; }
    public required string Payload { get; init; }
    public DateTimeOffset OccurredAt { get; init; }
    public DateTimeOffset AvailableAt { get; set; }
    public int Attempts { get; set; }
    public string? LastError { get; set; }
    public DateTimeOffset? DeliveredAt { get; set; }
    public DateTimeOffset? DeadLetteredAt { get; set; }

    /// <summary>The payload holds a secret (an invitation token on its way to the mail consumer): blanked once delivered.</summary>
    public bool ScrubOnDelivery { get; init; }

    internal static OutboxMessage For(object integrationEvent, DateTimeOffset now, bool scrubOnDelivery = false)
    {
        var type = integrationEvent.GetType();
        return new OutboxMessage
        {
            Id = Guid.CreateVersion7(now),
            Type = MessageTypes.NameOf(type),
            Payload = JsonSerializer.Serialize(integrationEvent, type, MessageTypes.Json),
            OccurredAt = now,
            AvailableAt = now,
            ScrubOnDelivery = scrubOnDelivery,
        };
    }
}

internal sealed class OutboxMessageConfiguration : IEntityTypeConfiguration<OutboxMessage>
{
    public void Configure(EntityTypeBuilder<OutboxMessage> builder)
    {
        builder.ToTable("outbox_messages");
        builder.HasKey(m => m.Id).HasName("outbox_messages_pkey");
        builder.Property(m => m.Id).ValueGeneratedNever();
        builder.Property(m => m.Type).HasMaxLength(500);
        builder.Property(m => m.Payload).HasColumnType("jsonb");
        builder.Property(m => m.Attempts).HasDefaultValue(0);
        builder.Property(m => m.ScrubOnDelivery).HasDefaultValue(false);
        builder.HasIndex(m => new { m.AvailableAt, m.Id })
            .HasDatabaseName("outbox_messages_pending_index")
            .HasFilter("delivered_at IS NULL AND dead_lettered_at IS NULL");
        builder.HasIndex(m => m.DeliveredAt)
            .HasDatabaseName("outbox_messages_delivered_at_index")
            .HasFilter("delivered_at IS NOT NULL");
    }
}
