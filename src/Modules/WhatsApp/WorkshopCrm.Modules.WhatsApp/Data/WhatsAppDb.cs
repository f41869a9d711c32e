using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Modules.WhatsApp.Connections;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.WhatsApp.Data;

internal sealed class WhatsAppDb(DbContextOptions<WhatsAppDb> options) : ModuleDbContext(options)
{
    public const string SchemaName = "whatsapp";

    public override string Schema => SchemaName;

    public DbSet<WhatsAppConnection> Connections => Set<WhatsAppConnection>();
    public DbSet<ConnectionStatus> Statuses => Set<ConnectionStatus>();
    public DbSet<Templates.WhatsAppTemplate> Templates => Set<Templates.WhatsAppTemplate>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(WhatsAppDb).Assembly);
}

internal sealed class ConnectionStatusConfiguration : IEntityTypeConfiguration<ConnectionStatus>
{
    public void Configure(EntityTypeBuilder<ConnectionStatus> builder)
    {
        builder.ToTable("whatsapp_connection_statuses");
        builder.HasKey(s => s.Id).HasName("whatsapp_connection_statuses_pkey");
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasIndex(s => s.Name).IsUnique().HasDatabaseName("whatsapp_connection_statuses_name_unique");
        builder.HasData(
            new ConnectionStatus { Id = ConnectionStatus.Connected, Name = "Connected" },
            new ConnectionStatus { Id = ConnectionStatus.Disconnected, Name = "Disconnected" });
    }
}

internal sealed class WhatsAppConnectionConfiguration : IEntityTypeConfiguration<WhatsAppConnection>
{
    public void Configure(EntityTypeBuilder<WhatsAppConnection> builder)
    {
        builder.ToTable("whatsapp_connections");
        builder.HasKey(c => c.Id).HasName("whatsapp_connections_pkey");
        builder.Property(c => c.WhatsappConnectionStatusId).HasColumnName("whatsapp_connection_status_id");
        builder.Property(c => c.InstanceName).HasMaxLength(255);
        builder.Property(c => c.InstanceId).HasMaxLength(255);
        builder.Property(c => c.PhoneNumber).HasMaxLength(50);
        builder.HasIndex(c => c.TenantId).IsUnique().HasDatabaseName("whatsapp_connections_tenant_id_unique");
        builder.HasOne<ConnectionStatus>().WithMany().HasForeignKey(c => c.WhatsappConnectionStatusId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("whatsapp_connections_whatsapp_connection_status_id_foreign");
        builder.Ignore(c => c.IsConnected);
    }
}

internal sealed class WhatsAppTemplateConfiguration : IEntityTypeConfiguration<Templates.WhatsAppTemplate>
{
    public void Configure(EntityTypeBuilder<Templates.WhatsAppTemplate> builder)
    {
        builder.ToTable("whatsapp_templates");
        builder.HasKey(t => t.Id).HasName("whatsapp_templates_pkey");
        builder.Property(t => t.Name).HasMaxLength(100);
        builder.Property(t => t.Body).HasColumnType("text");
        builder.HasIndex(t => t.TenantId).HasDatabaseName("whatsapp_templates_tenant_id_index");
    }
}

internal sealed class DesignTimeWhatsAppDb : IDesignTimeDbContextFactory<WhatsAppDb>
{
    public WhatsAppDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<WhatsAppDb>().UseModuleDatabase("Host=localhost;Database=design_time", WhatsAppDb.SchemaName).Options);
}
