using System.Text.RegularExpressions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>Test data only Identity can make before invitations exist: more users in a company.</summary>
internal static partial class IdentityGiven
{
    /// <summary>A Salesperson (or another Business Owner) of the owner's company, signed in.</summary>
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

        return await app.SignInAsync(email, Given.GoodPassword);
    }

    public static async Task<Account> SignInAsync(this CrmAppFixture app, string email, string password)
    {
        var client = app.CreateClient();
        var response = await client.PostAsJsonAsync("/api/auth/login", new { email, password });
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var tokens = (await response.Content.ReadFromJsonAsync<TokensBody>())!;
        return new Account(client, tokens.AccessToken, tokens.User.Id, tokens.User.Tenant.Id, email, password, tokens.User.Tenant.Name);
    }

    /// <summary>The link of the e-mail's plain-text body that points at <paramref name="path"/>.</summary>
    public static Uri LinkIn(MimeKit.MimeMessage mail, string path)
    {
        var match = Link().Match(mail.TextBody ?? "");
        Assert.True(match.Success, "no link in the e-mail");
        var link = new Uri(match.Value);
        Assert.Equal(path, link.AbsolutePath);
        return link;
    }

    public static string QueryValue(Uri link, string name) =>
        Uri.UnescapeDataString(link.Query.TrimStart('?').Split('&').Select(p => p.Split('=', 2)).Single(p => p[0] == name)[1]);

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Link();
}
