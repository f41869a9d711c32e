using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>A person's own account: forgotten password by e-mail, language, and deleting the company.</summary>
public sealed class AccountInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task Two_tabs_opened_at_the_same_moment_both_stay_signed_in()
    {
        var owner = await SignUpAsync();
        var tabs = new[] { await owner.Page.Context.NewPageAsync(), await owner.Page.Context.NewPageAsync() };

        // Both boot at once, each refreshing its sign-in with the one cookie the browser holds.
        await Task.WhenAll(tabs.Select(tab => tab.GotoAsync("/")));
        foreach (var tab in tabs)
            await Expect(tab.Locator(".column").First).ToBeVisibleAsync();
        await Task.WhenAll(tabs.Select(tab => tab.ReloadAsync()));

        foreach (var tab in tabs.Append(owner.Page))
        {
            await tab.ReloadAsync();
            await Expect(tab.Locator(".column").First).ToBeVisibleAsync();
            await Expect(tab.GetByText("Your session has ended")).ToHaveCountAsync(0);
        }
    }

    [Fact]
    public async Task A_forgotten_password_is_reset_from_the_e_mailed_link_and_only_the_new_one_signs_in()
    {
        var owner = await SignUpAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "User menu" }).ClickAsync();
        await owner.Page.GetByRole(AriaRole.Menuitem, new() { Name = "Sign out" }).ClickAsync();
        await Expect(owner.Page).ToHaveURLAsync(SignInUrl());

        await owner.Page.GetByRole(AriaRole.Link, new() { Name = "Forgot your password?" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Reset your password" })).ToBeVisibleAsync();
        await owner.Page.GetByLabel("E-mail").FillAsync(owner.Email);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Send link" }).ClickAsync();
        await Expect(owner.Page.GetByText("If an account exists for that e-mail, a link is on its way.")).ToBeVisibleAsync();
        await owner.FollowMailedLinkAsync("/reset-password");
        await Expect(owner.Page.GetByLabel("E-mail")).ToHaveValueAsync(owner.Email);
        await owner.Page.GetByLabel("New password").FillAsync("a brand new password 2026");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(owner.Page.GetByText("Password changed. Sign in with the new one.")).ToBeVisibleAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" })).ToBeVisibleAsync();

        await owner.SubmitSignInAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await owner.SubmitSignInAsync("a brand new password 2026");
        await owner.Columns.First.WaitForAsync();
    }

    [Fact]
    public async Task The_language_chosen_in_settings_stays_after_a_reload()
    {
        var owner = await SignUpAsync();
        await owner.OpenAsync("Settings");

        await owner.Page.GetByLabel("Language").First.SelectOptionAsync("pt-BR");

        await Expect(owner.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Configurações" })).ToBeVisibleAsync();
        await owner.Page.ReloadAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Configurações");
        await Expect(owner.Page.Locator("html")).ToHaveAttributeAsync("lang", "pt-BR");
    }

    [Fact]
    public async Task Deleting_the_company_needs_its_exact_name_and_the_password_then_nobody_can_sign_in()
    {
        var owner = await SignUpAsync();
        await owner.OpenAsync("Settings");
        var company = await owner.Page.GetByLabel("Company name", new() { Exact = true }).InputValueAsync();
        Assert.StartsWith("Oficina ", company, StringComparison.Ordinal);
        var delete = owner.Page.GetByRole(AriaRole.Button, new() { Name = "Delete everything" });

        await owner.Page.GetByLabel("Company name (type it exactly)").FillAsync(company.ToUpperInvariant());
        await owner.Page.Locator(".danger-zone").GetByLabel("Password").FillAsync(owner.Password);
        await Expect(delete).ToBeDisabledAsync();
        await owner.Page.GetByLabel("Company name (type it exactly)").FillAsync(company);
        await owner.Page.Locator(".danger-zone").GetByLabel("Password").FillAsync("not the password");
        await delete.ClickAsync();
        await Expect(owner.Page.Locator(".danger-zone .field-invalid")).ToBeVisibleAsync();
        await owner.Page.Locator(".danger-zone").GetByLabel("Password").FillAsync(owner.Password);
        await delete.ClickAsync();

        await Expect(owner.Page).ToHaveURLAsync(SignInUrl());
        await owner.SubmitSignInAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.EndsWith("/sign-in", owner.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_new_name_shows_in_the_menu_and_a_changed_password_is_the_only_one_that_signs_in()
    {
        var owner = await SignUpAsync();
        await owner.OpenAsync("Settings");
        var profile = owner.Page.Locator("section", new() { Has = owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Profile" }) });
        var password = owner.Page.Locator("section", new() { Has = owner.Page.GetByRole(AriaRole.Heading, new() { Name = "Password", Exact = true }) });

        await profile.GetByLabel("Your name").FillAsync("Maria S. Oliveira");
        await profile.GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(owner.Page.Locator(".user-name")).ToHaveTextAsync("Maria S. Oliveira");

        await password.GetByLabel("Current password").FillAsync("not my password");
        await password.GetByLabel("New password").FillAsync("another good password 2026");
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(password.Locator(".field-invalid").GetByLabel("Current password")).ToBeVisibleAsync();
        await password.GetByLabel("Current password").FillAsync(owner.Password);
        await password.GetByRole(AriaRole.Button, new() { Name = "Change password" }).ClickAsync();
        await Expect(password.GetByText("Password changed.")).ToBeVisibleAsync();
        await owner.Page.ReloadAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Settings"); // this browser stays signed in

        var old = await GuestAsync(owner.Email);
        await old.Page.GotoAsync("/sign-in");
        await old.SubmitSignInAsync(owner.Password);
        await Expect(old.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        await old.SubmitSignInAsync("another good password 2026");
        await old.Columns.First.WaitForAsync();
    }
}
