using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Audit;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Data;

internal sealed class IdentityDb(DbContextOptions<IdentityDb> options) : ModuleDbContext(options)
{
    public const string SchemaName = "identity";

    public override string Schema => SchemaName;

    public DbSet<Tenant> Tenants => Set<Tenant>();
    public DbSet<User> Users => Set<User>();
    public DbSet<Role> Roles => Set<Role>();
    public DbSet<UserStatus> UserStatuses => Set<UserStatus>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<PasswordResetToken> PasswordResetTokens => Set<PasswordResetToken>();
    public DbSet<EmailVerificationToken> EmailVerificationTokens => Set<EmailVerificationToken>();
    public DbSet<AuditAction> AuditActions => Set<AuditAction>();
    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    protected override void ConfigureModule(ModelBuilder modelBuilder) =>
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(IdentityDb).Assembly);
}
