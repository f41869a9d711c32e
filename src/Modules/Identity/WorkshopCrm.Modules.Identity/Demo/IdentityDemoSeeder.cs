using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Identity.Demo;

/// <summary>The demo company for a local try-out: an owner and a salesperson who can sign in at once.</summary>
internal sealed class IdentityDemoSeeder(ModuleDbFactory<IdentityDb> dbs, Credentials credentials, TimeProvider clock) : IDemoSeeder
{
    public const string Password = "demo-password-2026";
    public const string OwnerEmail = "dono@demo.workshopcrm.local";
    public const string SalespersonEmail = "vendas@demo.workshopcrm.local";

    public async Task SeedAsync(TextWriter output, CancellationToken ct)
    {
        await using var db = dbs.WithoutTenant();
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == OwnerEmail, ct))
        {
            await output.WriteLineAsync($"Demo company already there: sign in as {OwnerEmail} / {Password}");
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var tenant = new Tenant { Name = "Oficina Demo" };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct);

        var owner = NewUser(tenant, "Dona Demo", OwnerEmail, Role.BusinessOwner);
        var salesperson = NewUser(tenant, "Vendedor Demo", SalespersonEmail, Role.Salesperson);
        db.Users.AddRange(owner, salesperson);
        await db.SaveChangesAsync(ct);

        var now = clock.GetUtcNow();
        db.Publish(new TenantRegistered(tenant.Id, tenant.Name, owner.Id, now));
        foreach (var user in new[] { owner, salesperson })
            db.Publish(new UserRegistered(user.Id, tenant.Id, user.Name, user.Email, user.RoleId, true, user.Locale, true, null, now));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await output.WriteLineAsync($"Demo company created: sign in as {OwnerEmail} or {SalespersonEmail}, password {Password}");
    }

    private User NewUser(Tenant tenant, string name, string email, long roleId)
    {
        var user = new User
        {
            TenantId = tenant.Id,
            RoleId = roleId,
            UserStatusId = UserStatus.Active,
            Name = name,
            Email = email,
            Password = "",
            EmailVerifiedAt = clock.GetUtcNow(),
        };
        user.Password = credentials.Hash(user, Password);
        return user;
    }
}
