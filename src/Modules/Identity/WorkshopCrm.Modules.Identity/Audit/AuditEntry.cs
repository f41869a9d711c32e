using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Identity.Audit;

/// <summary>
/// One line of the company's audit log (identity.audit_log, ADR 0024): who did what, about what, when and from which
/// address. Append-only for the app: the runtime role may insert and read, never change or remove (the database
/// refuses); the company's deletion takes its log with it.
/// </summary>
internal sealed class AuditEntry : ITenantScoped
{
    public const int SubjectMaxLength = 500;

    public long Id { get; set; }
    public long TenantId { get; set; }

    /// <summary>Who did it; null when the system did.</summary>
    public long? UserId { get; set; }

    /// <summary>The user's name when it was done (a later rename does not rewrite the log).</summary>
    public string? UserName { get; set; }

    public long AuditActionId { get; set; }

    /// <summary>What it was about, in a few words (ids, counts, a file name; never a lead's personal data).</summary>
    public required string Subject { get; set; }

    /// <summary>The caller's IP address, when it came from a request.</summary>
    public string? IpAddress { get; set; }

    public DateTimeOffset OccurredAt { get; set; }
}

/// <summary>Beside the seed's tables, never changing them (issue 19, ADR 0024).</summary>
internal sealed class AuditEntryConfiguration : IEntityTypeConfiguration<AuditEntry>
{
    public void Configure(EntityTypeBuilder<AuditEntry> builder)
    {
        builder.ToTable("audit_log");
        builder.HasKey(e => e.Id).HasName("audit_log_pkey");
        builder.Property(e => e.UserName).HasMaxLength(255);
        builder.Property(e => e.Subject).HasMaxLength(AuditEntry.SubjectMaxLength);
        builder.Property(e => e.IpAddress).HasMaxLength(ClientAddress.MaxLength);
        // The log's page: the company's entries, newest first.
        builder.HasIndex(e => new { e.TenantId, e.OccurredAt, e.Id }).HasDatabaseName("audit_log_tenant_occurred_index").IsDescending(false, true, true);
        // The company's deletion takes its log along (the cascade acts as the table's owner, whom the append-only
        // trigger lets through). No foreign key on user_id: the entry keeps the name it had, whatever becomes of the user.
        builder.HasOne<Tenant>().WithMany().HasForeignKey(e => e.TenantId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("audit_log_tenant_id_foreign");
        builder.HasOne<AuditAction>().WithMany().HasForeignKey(e => e.AuditActionId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("audit_log_audit_action_id_foreign");
    }
}
