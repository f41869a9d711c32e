using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Audit;

/// <summary>
/// identity.audit_actions: what an audit log entry says was done, seeded (design note 2: a lookup table, no enum). The
/// names are <see cref="AuditActions"/>', which every module uses.
/// </summary>
internal sealed class AuditAction : IHasTimestamps
{
    public long Id { get; set; }

    /// <summary>The API's name of the action (<c>lead_deleted</c>).</summary>
    public required string Name { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static readonly AuditAction[] Seeded =
    [
        new() { Id = 1, Name = AuditActions.Import },
        new() { Id = 2, Name = AuditActions.Export },
        new() { Id = 3, Name = AuditActions.CompanyExport },
        new() { Id = 4, Name = AuditActions.PersonalData },
        new() { Id = 5, Name = AuditActions.Anonymize },
        new() { Id = 6, Name = AuditActions.LeadDeleted },
        new() { Id = 7, Name = AuditActions.UserDeactivated },
        new() { Id = 8, Name = AuditActions.UserReactivated },
        new() { Id = 9, Name = AuditActions.RoleChanged },
        new() { Id = 10, Name = AuditActions.CompanyDeleted },
    ];

    /// <summary>The lookup id of an action name; null for a name this version does not know.</summary>
    public static long? IdOf(string action) => Seeded.FirstOrDefault(a => a.Name == action)?.Id;

    public static string NameOf(long actionId) => Seeded.Single(a => a.Id == actionId).Name;
}

internal sealed class AuditActionConfiguration : IEntityTypeConfiguration<AuditAction>
{
    public void Configure(EntityTypeBuilder<AuditAction> builder)
    {
        builder.ToTable("audit_actions");
        builder.HasKey(a => a.Id).HasName("audit_actions_pkey");
        builder.Property(a => a.Name).HasMaxLength(50);
        builder.HasIndex(a => a.Name).IsUnique().HasDatabaseName("audit_actions_name_unique");
        builder.HasData(AuditAction.Seeded.Select(a => new AuditAction { Id = a.Id, Name = a.Name }));
    }
}
