using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Data;

// Table, column and index names are the seed's (workshop-crm-schema.md); unnamed ones follow Laravel's
// conventions ({table}_{column}_unique / _index / _foreign) so the database reads like the user's document.

internal sealed class RoleConfiguration : IEntityTypeConfiguration<Role>
{
    public void Configure(EntityTypeBuilder<Role> builder)
    {
        builder.ToTable("roles");
        builder.HasKey(r => r.Id).HasName("roles_pkey");
        builder.Property(r => r.Name).HasMaxLength(50);
        builder.HasIndex(r => r.Name).IsUnique().HasDatabaseName("roles_name_unique");
        builder.HasData(
            new Role { Id = Role.BusinessOwner, Name = "Business Owner" },
            new Role { Id = Role.Salesperson, Name = "Salesperson" });
    }
}

internal sealed class UserStatusConfiguration : IEntityTypeConfiguration<UserStatus>
{
    public void Configure(EntityTypeBuilder<UserStatus> builder)
    {
        builder.ToTable("user_statuses");
        builder.HasKey(s => s.Id).HasName("user_statuses_pkey");
        builder.Property(s => s.Name).HasMaxLength(50);
        builder.HasIndex(s => s.Name).IsUnique().HasDatabaseName("user_statuses_name_unique");
        builder.HasData(
            new UserStatus { Id = UserStatus.Active, Name = "Active" },
            new UserStatus { Id = UserStatus.Inactive, Name = "Inactive" });
    }
}

internal sealed class TenantConfiguration : IEntityTypeConfiguration<Tenant>
{
    public void Configure(EntityTypeBuilder<Tenant> builder)
    {
        builder.ToTable("tenants");
        builder.HasKey(t => t.Id).HasName("tenants_pkey");
        builder.Property(t => t.Name).HasMaxLength(255);
    }
}

internal sealed class UserConfiguration : IEntityTypeConfiguration<User>
{
    public void Configure(EntityTypeBuilder<User> builder)
    {
        builder.ToTable("users");
        builder.HasKey(u => u.Id).HasName("users_pkey");
        builder.Property(u => u.Name).HasMaxLength(255);
        builder.Property(u => u.Email).HasMaxLength(255);
        builder.Property(u => u.Password).HasMaxLength(255);
        builder.Property(u => u.RememberToken).HasMaxLength(100);
        builder.Property(u => u.Locale).HasMaxLength(10).HasDefaultValue(Locales.Default);
        builder.Property(u => u.DailyDigest).HasDefaultValue(true).HasSentinel(true);
        builder.HasIndex(u => u.Email).IsUnique().HasDatabaseName("users_email_unique");
        builder.HasIndex(u => u.TenantId).HasDatabaseName("users_tenant_id_index");
        builder.HasOne(u => u.Tenant).WithMany().HasForeignKey(u => u.TenantId)
            .OnDelete(DeleteBehavior.Cascade).HasConstraintName("users_tenant_id_foreign");
        builder.HasOne<Role>().WithMany().HasForeignKey(u => u.RoleId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("users_role_id_foreign");
        builder.HasOne<UserStatus>().WithMany().HasForeignKey(u => u.UserStatusId)
            .OnDelete(DeleteBehavior.Restrict).HasConstraintName("users_user_status_id_foreign");
        builder.Ignore(u => u.IsActive);
    }
}

internal sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("sessions");
        builder.HasKey(s => s.Id).HasName("sessions_pkey");
        builder.Property(s => s.Id).HasMaxLength(255);
        builder.Property(s => s.IpAddress).HasMaxLength(45);
        builder.Property(s => s.UserAgent).HasColumnType("text");
        builder.Property(s => s.Payload).HasColumnType("text");
        builder.Property(s => s.TokenHash).HasMaxLength(64);
        builder.HasIndex(s => s.UserId).HasDatabaseName("sessions_user_id_index");
        builder.HasIndex(s => s.LastActivity).HasDatabaseName("sessions_last_activity_index");
        builder.HasOne<User>().WithMany().HasForeignKey(s => s.UserId)
            .OnDelete(DeleteBehavior.SetNull).HasConstraintName("sessions_user_id_foreign");
    }
}

internal sealed class PasswordResetTokenConfiguration : IEntityTypeConfiguration<PasswordResetToken>
{
    public void Configure(EntityTypeBuilder<PasswordResetToken> builder)
    {
        builder.ToTable("password_reset_tokens");
        builder.HasKey(t => t.Email).HasName("password_reset_tokens_pkey");
        builder.Property(t => t.Email).HasMaxLength(255);
        builder.Property(t => t.Token).HasMaxLength(255);
    }
}
