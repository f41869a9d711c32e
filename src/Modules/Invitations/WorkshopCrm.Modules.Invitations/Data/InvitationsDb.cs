using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Design;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Modules.Invitations.Invites;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Invitations.Data;

internal sealed class InvitationsDb(DbContextOptions<InvitationsDb> options) : ModuleDbContext(options)
{
    public const string SchemaName = "invitations";

    public override string Schema => SchemaName;

    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<InvitationStatus> Statuses => Set<InvitationStatus>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(InvitationsDb).Assembly);
}

// The seed's names; invited_by_user_id points at identity.users across modules, so it is a plain column (ARCHITECTURE.md).

internal sealed class InvitationStatusConfiguration : IEntityTypeConfiguration<InvitationStatus>
{
    public void Configure(EntityTypeBuilder<InvitationStatus> builder)
    {
        builder.ToTable("invitation_statuses");
        builder.HasKey(s => s.Id).HasName("invitation_statuses_pkey");
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasIndex(s => s.Name).IsUnique().HasDatabaseName("invitation_statuses_name_unique");
        builder.HasData(Enumerable.Range(1, 4).Select(i => new InvitationStatus { Id = i, Name = InvitationStatus.Names[i] }));
    }
}

internal sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("invitations");
        builder.HasKey(i => i.Id).HasName("invitations_pkey");
        builder.Property(i => i.Email).HasMaxLength(255);
        builder.Property(i => i.Token).HasMaxLength(255);
        builder.HasIndex(i => i.Token).IsUnique().HasDatabaseName("invitations_token_unique");
        builder.HasIndex(i => i.TenantId).HasDatabaseName("invitations_tenant_id_index");
        builder.HasIndex(i => new { i.TenantId, i.Email }).HasDatabaseName("invitations_tenant_email_index");
        builder.HasOne<InvitationStatus>().WithMany().HasForeignKey(i => i.InvitationStatusId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("invitations_invitation_status_id_foreign");
    }
}

/// <summary>Lets `dotnet ef migrations add` build the model without the Host.</summary>
internal sealed class DesignTimeInvitationsDb : IDesignTimeDbContextFactory<InvitationsDb>
{
    public InvitationsDb CreateDbContext(string[] args) =>
        new(new DbContextOptionsBuilder<InvitationsDb>().UseModuleDatabase("Host=localhost;Database=design_time", InvitationsDb.SchemaName).Options);
}
