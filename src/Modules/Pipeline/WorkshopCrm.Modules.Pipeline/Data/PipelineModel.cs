using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Conversations;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.History;
using WorkshopCrm.Modules.Pipeline.Imports;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Modules.Pipeline.Notes;
using WorkshopCrm.Modules.Pipeline.Stages;

namespace WorkshopCrm.Modules.Pipeline.Data;

// The seed's names, types and index names; unnamed ones follow Laravel's conventions (docs/adr/0006).
// user_id columns point at pipeline.members, the module's copy of identity.users (docs/adr/0011).

internal sealed class PipelineStageConfiguration : IEntityTypeConfiguration<PipelineStage>
{
    public void Configure(EntityTypeBuilder<PipelineStage> builder)
    {
        builder.ToTable("pipeline_stages");
        builder.HasKey(s => s.Id).HasName("pipeline_stages_pkey");
        builder.Property(s => s.Name).HasMaxLength(100);
        builder.Property(s => s.IsTerminal).HasDefaultValue(false);
        builder.HasIndex(s => s.Name).IsUnique().HasDatabaseName("pipeline_stages_name_unique");
        builder.HasIndex(s => s.SortOrder).IsUnique().HasDatabaseName("pipeline_stages_sort_order_unique");
        builder.HasData(PipelineStage.Seeded.Select(s => new PipelineStage { Id = s.Id, Name = s.Name, SortOrder = s.SortOrder, IsTerminal = s.IsTerminal }));
    }
}

internal sealed class MemberConfiguration : IEntityTypeConfiguration<Member>
{
    public void Configure(EntityTypeBuilder<Member> builder)
    {
        builder.ToTable("members");
        builder.HasKey(m => m.UserId).HasName("members_pkey");
        builder.Property(m => m.UserId).ValueGeneratedNever();
        builder.Property(m => m.Name).HasMaxLength(255);
        builder.Property(m => m.Email).HasMaxLength(255);
        builder.HasIndex(m => m.TenantId).HasDatabaseName("members_tenant_id_index");
    }
}

internal sealed class LeadConfiguration : IEntityTypeConfiguration<Lead>
{
    public void Configure(EntityTypeBuilder<Lead> builder)
    {
        builder.ToTable("leads");
        builder.HasKey(l => l.Id).HasName("leads_pkey");
        builder.Property(l => l.Name).HasMaxLength(255);
        builder.Property(l => l.Email).HasMaxLength(255);
        builder.Property(l => l.Phone).HasMaxLength(50);
        // What lead search matches (ADR 0015, issue 15): stored, so the trigram index's recheck compares a column
        // instead of calling the PL/pgSQL function once per candidate row.
        builder.Property<string>(LeadSearch.Column).HasComputedColumnSql("pipeline.lead_search_text(name, email, phone)", stored: true);
        // The phone as WhatsApp writes it (issue 18, ADR 0022): chats and their times find their leads by it.
        builder.Property<string?>(LeadPhone.Column).HasMaxLength(20).HasComputedColumnSql("pipeline.phone_digits(phone)", stored: true);
        builder.HasIndex(nameof(Lead.TenantId), LeadPhone.Column).HasDatabaseName("leads_tenant_phone_digits_index");
        builder.HasIndex(l => new { l.TenantId, l.Email }).IsUnique().HasDatabaseName("leads_tenant_id_email_unique");
        builder.HasIndex(l => l.UserId).HasDatabaseName("leads_user_id_index");
        builder.HasOne<Member>().WithMany().HasForeignKey(l => l.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("leads_user_id_foreign");
    }
}

internal sealed class DealConfiguration : IEntityTypeConfiguration<Deal>
{
    public void Configure(EntityTypeBuilder<Deal> builder)
    {
        builder.ToTable("deals");
        builder.HasKey(d => d.Id).HasName("deals_pkey");
        builder.Property(d => d.Title).HasMaxLength(255);
        builder.Property(d => d.Value).HasPrecision(12, 2).HasDefaultValue(0m);
        builder.Property(d => d.LossReason).HasColumnType("text");
        builder.Property(d => d.SortOrder).HasDefaultValue(0);
        builder.Property(d => d.Version).IsRowVersion(); // xmin
        builder.HasIndex(d => d.TenantId).HasDatabaseName("deals_tenant_id_index");
        builder.HasIndex(d => d.LeadId).HasDatabaseName("deals_lead_id_index");
        builder.HasIndex(d => d.UserId).HasDatabaseName("deals_user_id_index");
        builder.HasIndex(d => d.PipelineStageId).HasDatabaseName("deals_pipeline_stage_id_index");
        builder.HasIndex(d => new { d.TenantId, d.PipelineStageId, d.SortOrder }).HasDatabaseName("deals_kanban_order_index");
        // The funnel (ADR 0021): the deals created in a period with how far each got, from the index alone.
        builder.HasIndex(d => new { d.TenantId, d.CreatedAt }).HasDatabaseName("deals_tenant_created_index")
            .IncludeProperties(d => new { d.FurthestStageId, d.PipelineStageId, d.UserId });
        // deals_stage_totals_index (tenant, stage) INCLUDE (value, user_id) served the board's totals until they became
        // kept state (ADR 0019); dropped, so a move or a new deal updates one index fewer.
        builder.HasOne(d => d.Lead).WithMany().HasForeignKey(d => d.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("deals_lead_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("deals_user_id_foreign");
        builder.HasOne<PipelineStage>().WithMany().HasForeignKey(d => d.PipelineStageId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("deals_pipeline_stage_id_foreign");
    }
}

internal sealed class DealNoteConfiguration : IEntityTypeConfiguration<DealNote>
{
    public void Configure(EntityTypeBuilder<DealNote> builder)
    {
        builder.ToTable("deal_notes");
        builder.HasKey(n => n.Id).HasName("deal_notes_pkey");
        builder.Property(n => n.Body).HasColumnType("text");
        builder.HasIndex(n => n.DealId).HasDatabaseName("deal_notes_deal_id_index");
        builder.HasIndex(n => n.TenantId).HasDatabaseName("deal_notes_tenant_id_index");
        builder.HasOne<Deal>().WithMany().HasForeignKey(n => n.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("deal_notes_deal_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(n => n.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("deal_notes_user_id_foreign");
    }
}

internal sealed class ActivityTypeConfiguration : IEntityTypeConfiguration<ActivityType>
{
    public void Configure(EntityTypeBuilder<ActivityType> builder)
    {
        builder.ToTable("activity_types");
        builder.HasKey(t => t.Id).HasName("activity_types_pkey");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.HasIndex(t => t.Name).IsUnique().HasDatabaseName("activity_types_name_unique");
        builder.HasData(ActivityType.Seeded.Select(t => new ActivityType { Id = t.Id, Name = t.Name, SortOrder = t.SortOrder }));
    }
}

/// <summary>Activities (issue 16, ADR 0020): beside the seed's tables, never changing them.</summary>
internal sealed class ActivityConfiguration : IEntityTypeConfiguration<Activity>
{
    public void Configure(EntityTypeBuilder<Activity> builder)
    {
        builder.ToTable("activities", t =>
        {
            t.HasCheckConstraint("activities_duration_check", "duration_minutes IS NULL OR duration_minutes BETWEEN 1 AND 1440");
            t.HasCheckConstraint("activities_done_check", "(done_at IS NULL) = (done_by IS NULL)");
        });
        builder.HasKey(a => a.Id).HasName("activities_pkey");
        builder.Property(a => a.Subject).HasMaxLength(255);
        builder.Property(a => a.Notes).HasColumnType("text");
        builder.Property(a => a.Outcome).HasColumnType("text");
        builder.Property(a => a.CreatedBy).HasColumnName("created_by");
        builder.Property(a => a.DoneBy).HasColumnName("done_by");
        // The board's next activity and the deal panel: a deal's open activities in due order.
        builder.HasIndex(a => new { a.DealId, a.DueDate, a.DueTime, a.Id }).HasDatabaseName("activities_deal_open_index")
            .HasFilter("done_at IS NULL");
        // The agenda: open activities of the company (a Business Owner) or of one owner, in due order.
        builder.HasIndex(a => new { a.TenantId, a.DueDate, a.DueTime, a.Id }).HasDatabaseName("activities_tenant_open_index")
            .HasFilter("done_at IS NULL").IncludeProperties(a => a.UserId); // the team report counts overdue per owner from it
        builder.HasIndex(a => new { a.UserId, a.DueDate, a.DueTime, a.Id }).HasDatabaseName("activities_user_open_index")
            .HasFilter("done_at IS NULL");
        // "Concluídas", newest first.
        builder.HasIndex(a => new { a.TenantId, a.DoneAt }).HasDatabaseName("activities_tenant_done_index")
            .HasFilter("done_at IS NOT NULL").IsDescending(false, true).IncludeProperties(a => a.UserId); // and done per owner
        builder.HasIndex(a => new { a.UserId, a.DoneAt }).HasDatabaseName("activities_user_done_index")
            .HasFilter("done_at IS NOT NULL").IsDescending(false, true);
        // Cascades and the lead's own list.
        builder.HasIndex(a => a.LeadId).HasDatabaseName("activities_lead_id_index");
        builder.HasIndex(a => a.DealId).HasDatabaseName("activities_deal_id_index");
        builder.HasOne(a => a.Lead).WithMany().HasForeignKey(a => a.LeadId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("activities_lead_id_foreign");
        builder.HasOne(a => a.Deal).WithMany().HasForeignKey(a => a.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("activities_deal_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("activities_user_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.CreatedBy)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("activities_created_by_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(a => a.DoneBy)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("activities_done_by_foreign");
        builder.HasOne<ActivityType>().WithMany().HasForeignKey(a => a.ActivityTypeId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("activities_activity_type_id_foreign");
    }
}

internal sealed class CalendarFeedConfiguration : IEntityTypeConfiguration<CalendarFeed>
{
    public void Configure(EntityTypeBuilder<CalendarFeed> builder)
    {
        builder.ToTable("calendar_feeds");
        builder.HasKey(f => f.UserId).HasName("calendar_feeds_pkey");
        builder.Property(f => f.UserId).ValueGeneratedNever();
        builder.HasIndex(f => f.TenantId).HasDatabaseName("calendar_feeds_tenant_id_index");
        builder.HasOne<Member>().WithMany().HasForeignKey(f => f.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("calendar_feeds_user_id_foreign");
    }
}

internal sealed class ActivityDigestConfiguration : IEntityTypeConfiguration<ActivityDigest>
{
    public void Configure(EntityTypeBuilder<ActivityDigest> builder)
    {
        builder.ToTable("activity_digests");
        // One row per user and company day: the second instance's insert finds it there and sends nothing.
        builder.HasKey(d => new { d.UserId, d.Day }).HasName("activity_digests_pkey");
        builder.HasIndex(d => d.TenantId).HasDatabaseName("activity_digests_tenant_id_index");
        builder.HasOne<Member>().WithMany().HasForeignKey(d => d.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("activity_digests_user_id_foreign");
    }
}

internal sealed class DealEventKindConfiguration : IEntityTypeConfiguration<DealEventKind>
{
    public void Configure(EntityTypeBuilder<DealEventKind> builder)
    {
        builder.ToTable("deal_event_kinds");
        builder.HasKey(k => k.Id).HasName("deal_event_kinds_pkey");
        builder.Property(k => k.Name).HasMaxLength(50);
        builder.HasIndex(k => k.Name).IsUnique().HasDatabaseName("deal_event_kinds_name_unique");
        builder.HasData(DealEventKind.Seeded.Select(k => new DealEventKind { Id = k.Id, Name = k.Name }));
    }
}

/// <summary>A deal's history (issue 17, ADR 0021): beside the seed's tables, never changing them.</summary>
internal sealed class DealEventConfiguration : IEntityTypeConfiguration<DealEvent>
{
    public void Configure(EntityTypeBuilder<DealEvent> builder)
    {
        builder.ToTable("deal_events");
        builder.HasKey(e => e.Id).HasName("deal_events_pkey");
        builder.Property(e => e.LossReason).HasColumnType("text");
        builder.Property(e => e.FromValue).HasPrecision(12, 2);
        builder.Property(e => e.ToValue).HasPrecision(12, 2);
        builder.Property(e => e.FromTitle).HasMaxLength(255);
        builder.Property(e => e.ToTitle).HasMaxLength(255);
        builder.Property(e => e.Subject).HasMaxLength(255);
        builder.Property(e => e.StartOfHistory).HasDefaultValue(false);
        // The timeline: one deal's entries, newest first.
        builder.HasIndex(e => new { e.DealId, e.At, e.Id }).HasDatabaseName("deal_events_deal_timeline_index").IsDescending(false, true, true);
        // Reports: the company's entries of one kind in a period (stages reached, moves into Won/Lost).
        builder.HasIndex(e => new { e.TenantId, e.DealEventKindId, e.At }).HasDatabaseName("deal_events_tenant_kind_at_index");
        // What a deleted note, activity or member has to find.
        builder.HasIndex(e => e.NoteId).HasDatabaseName("deal_events_note_id_index").HasFilter("note_id IS NOT NULL");
        builder.HasIndex(e => e.ActivityId).HasDatabaseName("deal_events_activity_id_index").HasFilter("activity_id IS NOT NULL");
        builder.HasIndex(e => e.UserId).HasDatabaseName("deal_events_user_id_index");
        builder.HasOne(e => e.Deal).WithMany().HasForeignKey(e => e.DealId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("deal_events_deal_id_foreign");
        // A deleted note or activity leaves its entry ("a note was added") without the link.
        builder.HasOne(e => e.Note).WithMany().HasForeignKey(e => e.NoteId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("deal_events_note_id_foreign");
        builder.HasOne<Activity>().WithMany().HasForeignKey(e => e.ActivityId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("deal_events_activity_id_foreign");
        builder.HasOne<DealEventKind>().WithMany().HasForeignKey(e => e.DealEventKindId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("deal_events_deal_event_kind_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(e => e.UserId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("deal_events_user_id_foreign");
    }
}

/// <summary>WhatsApp times per phone (issue 18, ADR 0022): beside the seed's tables, never changing them.</summary>
internal sealed class WhatsAppConversationConfiguration : IEntityTypeConfiguration<WhatsAppConversation>
{
    public void Configure(EntityTypeBuilder<WhatsAppConversation> builder)
    {
        builder.ToTable("whatsapp_conversations");
        builder.HasKey(c => new { c.TenantId, c.Phone }).HasName("whatsapp_conversations_pkey");
        builder.Property(c => c.Phone).HasMaxLength(20);
    }
}

/// <summary>Spreadsheet imports (issue 19, ADR 0025): beside the seed's tables, never changing them.</summary>
internal sealed class ImportStatusConfiguration : IEntityTypeConfiguration<ImportStatusRow>
{
    public void Configure(EntityTypeBuilder<ImportStatusRow> builder)
    {
        builder.ToTable("import_statuses");
        builder.HasKey(s => s.Id).HasName("import_statuses_pkey");
        builder.Property(s => s.Id).ValueGeneratedNever();
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasIndex(s => s.Name).IsUnique().HasDatabaseName("import_statuses_name_unique");
        builder.HasData(ImportStatus.Names.Select(s => new ImportStatusRow { Id = s.Key, Name = s.Value }));
    }
}

internal sealed class ImportConfiguration : IEntityTypeConfiguration<Import>
{
    public void Configure(EntityTypeBuilder<Import> builder)
    {
        builder.ToTable("imports");
        builder.HasKey(i => i.Id).HasName("imports_pkey");
        builder.Property(i => i.FileName).HasMaxLength(255);
        builder.Property(i => i.Format).HasMaxLength(10);
        builder.Property(i => i.Encoding).HasMaxLength(20);
        builder.Property(i => i.Separator).HasMaxLength(1);
        builder.Property(i => i.Language).HasMaxLength(10);
        builder.Property(i => i.Mapping).HasColumnType("jsonb");
        builder.Property(i => i.FailureReason).HasMaxLength(500);
        // A user's imports, newest first; and the runs to take over, whatever the tenant (the runner's one question).
        builder.HasIndex(i => new { i.TenantId, i.UserId, i.Id }).HasDatabaseName("imports_tenant_user_index");
        builder.HasIndex(i => i.LeaseUntil).HasFilter("import_status_id = 2").HasDatabaseName("imports_running_index");
        builder.HasOne<ImportStatusRow>().WithMany().HasForeignKey(i => i.ImportStatusId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("imports_import_status_id_foreign");
        builder.HasOne<Member>().WithMany().HasForeignKey(i => i.UserId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("imports_user_id_foreign");
    }
}

internal sealed class ImportFileChunkConfiguration : IEntityTypeConfiguration<ImportFileChunk>
{
    public void Configure(EntityTypeBuilder<ImportFileChunk> builder)
    {
        builder.ToTable("import_file_chunks");
        builder.HasKey(c => new { c.ImportId, c.Sequence }).HasName("import_file_chunks_pkey");
        builder.HasIndex(c => c.TenantId).HasDatabaseName("import_file_chunks_tenant_id_index");
        builder.HasOne<Import>().WithMany().HasForeignKey(c => c.ImportId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("import_file_chunks_import_id_foreign");
    }
}

internal sealed class ImportRejectionConfiguration : IEntityTypeConfiguration<ImportRejection>
{
    public void Configure(EntityTypeBuilder<ImportRejection> builder)
    {
        builder.ToTable("import_rejections");
        builder.HasKey(r => r.Id).HasName("import_rejections_pkey");
        builder.Property(r => r.Field).HasMaxLength(50);
        builder.HasIndex(r => new { r.ImportId, r.Row }).HasDatabaseName("import_rejections_import_row_index");
        builder.HasIndex(r => r.TenantId).HasDatabaseName("import_rejections_tenant_id_index");
        builder.HasOne<Import>().WithMany().HasForeignKey(r => r.ImportId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("import_rejections_import_id_foreign");
    }
}
