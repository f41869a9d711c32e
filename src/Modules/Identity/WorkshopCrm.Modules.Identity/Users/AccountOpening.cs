using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Identity.Users;

/// <summary>What a new person to the CRM brings about: an Active user with a hashed password and the events about it.</summary>
internal sealed record NewUser(string Name, string Email, string Password, long RoleId, string Locale, bool EmailVerified);

/// <summary>
/// Opens companies and accounts. The caller owns the transaction: the tenant, its users and their outbox events
/// commit together or not at all.
/// </summary>
internal sealed class AccountOpening(Credentials credentials, TimeProvider clock)
{
    /// <summary>A company and its Business Owner; publishes (and saves) TenantRegistered and UserRegistered.</summary>
    public async Task<(Tenant Tenant, User Owner)> OpenCompanyAsync(IdentityDb db, string companyName, NewUser owner, CancellationToken ct)
    {
        var tenant = new Tenant { Name = companyName.Trim() };
        db.Tenants.Add(tenant);
        await db.SaveChangesAsync(ct); // the tenant's id is the owner's tenant_id

        var user = await AddUserAsync(db, tenant, owner, ct);
        db.Publish(new TenantRegistered(tenant.Id, tenant.Name, user.Id, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return (tenant, user);
    }

    /// <summary>
    /// Adds an Active user to a tenant and publishes UserRegistered, both saved. A taken e-mail surfaces here as the
    /// unique violation of users_email_unique.
    /// </summary>
    public async Task<User> AddUserAsync(IdentityDb db, Tenant tenant, NewUser person, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var user = new User
        {
            TenantId = tenant.Id,
            RoleId = person.RoleId,
            UserStatusId = UserStatus.Active,
            Name = person.Name.Trim(),
            Email = EmailAddresses.Normalize(person.Email),
            Password = "",
            Locale = person.Locale,
            EmailVerifiedAt = person.EmailVerified ? now : null,
            Tenant = tenant,
        };
        user.Password = credentials.Hash(user, person.Password);
        db.Users.Add(user);
        await db.SaveChangesAsync(ct);

        db.Publish(new UserRegistered(user.Id, tenant.Id, user.Name, user.Email, user.RoleId, IsActive: true, user.Locale,
            person.EmailVerified, now));
        await db.SaveChangesAsync(ct); // saved here, so no caller can lose the event by forgetting to save
        return user;
    }
}
