using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Identity.Demo;

/// <summary>The demo company for a local try-out: an owner and a salesperson who can sign in at once.</summary>
internal sealed class IdentityDemoSeeder(ModuleDbFactory<IdentityDb> dbs, AccountOpening accounts) : IDemoSeeder
{
    public const string Password = "demo-password-2026";
    public const string OwnerEmail = "dono@demo.workshopcrm.local";
    public const string SalespersonEmail = "vendas@demo.workshopcrm.local";

    public async Task SeedAsync(TextWriter output, CancellationToken ct)
    {
        // The demo seeder finds its users by e-mail and opens a company: it crosses tenants on purpose.
        await using var db = dbs.AcrossTenants();
        if (await db.Users.IgnoreQueryFilters().AnyAsync(u => u.Email == OwnerEmail, ct))
        {
            await output.WriteLineAsync($"Demo company already there: sign in as {OwnerEmail} / {Password}");
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var (tenant, _) = await accounts.OpenCompanyAsync(db, "Oficina Demo",
            new NewUser("Dona Demo", OwnerEmail, Password, Role.BusinessOwner, Locales.Default, EmailVerified: true), ct);
        await accounts.AddUserAsync(db, tenant,
            new NewUser("Vendedor Demo", SalespersonEmail, Password, Role.Salesperson, Locales.Default, EmailVerified: true), ct);
        await transaction.CommitAsync(ct);

        await output.WriteLineAsync($"Demo company created: sign in as {OwnerEmail} or {SalespersonEmail}, password {Password}");
    }
}
