using System.Net.Http.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Testing;

/// <summary>More people in a company, and waiting for every module to have taken in what happened.</summary>
public static class Colleagues
{
    public const long BusinessOwnerRole = Role.BusinessOwner;
    public const long SalespersonRole = Role.Salesperson;

    /// <summary>A Salesperson (or another Business Owner) of the owner's company, signed in and known to every module.</summary>
    public static async Task<Account> AColleagueAsync(this CrmAppFixture app, Account owner, long roleId = Role.Salesperson, string name = "Sam Vendas")
    {
        var email = Given.UniqueEmail("colleague");
        using (var scope = app.Services.CreateScope())
        {
            var accounts = scope.ServiceProvider.GetRequiredService<AccountOpening>();
            await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbFactory<IdentityDb>>().ForTenant(owner.TenantId);
            await using var transaction = await db.Database.BeginTransactionAsync();
            var tenant = await db.Tenants.SingleAsync(t => t.Id == owner.TenantId);
            await accounts.AddUserAsync(db, tenant, new NewUser(name, email, Given.GoodPassword, roleId, Locales.Default, EmailVerified: true), default);
            await transaction.CommitAsync();
        }

        var colleague = await app.SignInAsync(email, Given.GoodPassword);
        await app.EventsSettledAsync();
        return colleague;
    }

    public static async Task<Account> SignInAsync(this CrmAppFixture app, string email, string password)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        if (!response.IsSuccessStatusCode)
            throw new InvalidOperationException($"Sign-in failed: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        return new Account(client, tokens.AccessToken, tokens.User.Id, tokens.User.Tenant.Id, email, password, tokens.User.Tenant.Name);
    }

    /// <summary>Waits until no module's outbox has an undelivered event: every consumer has seen what happened so far.</summary>
    public static Task EventsSettledAsync(this CrmAppFixture app)
    {
        var pending = string.Join(" + ", app.Services.GetServices<ModuleMessageTables>().Select(t =>
            $"(SELECT count(*) FROM {t.Outbox} WHERE delivered_at IS NULL AND dead_lettered_at IS NULL)"));
        return Eventually.TrueAsync(async () => await app.ScalarAsync<long>($"SELECT {pending}") == 0, "every event to be delivered");
    }
}
