using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>A Business Owner grows the team: verification e-mail, invitation e-mail, acceptance, what each one sees.</summary>
public sealed class TeamInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task A_salesperson_invited_by_e_mail_joins_and_sees_only_its_own_deals()
    {
        var owner = await SignUpAsync();
        await owner.FollowMailedLinkAsync("/verify-email");
        await Expect(owner.Page.GetByText("Your e-mail is verified.")).ToBeVisibleAsync();
        await owner.Page.GotoAsync("/");
        await owner.CreateLeadAsync("Cliente do Dono", UserInBrowser.Unique("cliente"));
        await owner.OpenBoardAsync();
        await owner.QuickAddDealAsync("Cliente do Dono", "Negócio do Dono", "5.000,00");

        var sellerEmail = UserInBrowser.Unique("vendedor");
        await owner.OpenAsync("Team");
        await owner.Page.GetByLabel("E-mail to invite").FillAsync(sellerEmail);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
        var invitation = owner.Page.GetByRole(AriaRole.Region, new() { Name = "Invitations" }).GetByRole(AriaRole.Row).Filter(new() { HasText = sellerEmail });
        await Expect(invitation).ToContainTextAsync("Pending");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "team");

        var seller = await GuestAsync(sellerEmail);
        await seller.FollowMailedLinkAsync("/invite/");
        await Expect(seller.Page.GetByText(sellerEmail)).ToBeVisibleAsync();
        await Expect(seller.Page.GetByRole(AriaRole.Heading)).ToContainTextAsync("Join");
        await seller.Page.GetByLabel("Your name").FillAsync("Pedro Vendedor");
        await seller.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(UserInBrowser.DefaultPassword);
        await seller.Page.GetByRole(AriaRole.Button, new() { Name = "Join the team" }).ClickAsync();
        await seller.Columns.First.WaitForAsync();

        await Expect(seller.Page.GetByText("Negócio do Dono")).ToHaveCountAsync(0);
        Assert.Equal(0, await seller.CountAsync("New Lead"));
        await seller.CreateLeadAsync("Cliente do Pedro", UserInBrowser.Unique("pedro"));
        await seller.OpenBoardAsync();
        await seller.QuickAddDealAsync("Cliente do Pedro", "Negócio do Pedro", "700");
        Assert.Equal(1, await seller.CountAsync("New Lead"));
        await Expect(seller.Page.GetByText("Negócio do Dono")).ToHaveCountAsync(0);

        await owner.OpenBoardAsync();
        await owner.WaitForCountAsync("New Lead", 2);
        await Expect(owner.CardIn("New Lead", "Negócio do Pedro").Locator(".card-owner")).ToHaveTextAsync("Pedro Vendedor");
        await owner.OpenAsync("Team");
        await Expect(owner.Page.GetByRole(AriaRole.Region, new() { Name = "Users" }).GetByRole(AriaRole.Row).Filter(new() { HasText = "Pedro Vendedor" })).ToContainTextAsync("Salesperson");
        await Expect(invitation).ToContainTextAsync("Accepted");
    }
}
