using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>A Business Owner grows the team: verification e-mail, invitation e-mail, acceptance, what each one sees.</summary>
public sealed class TeamInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task A_salesperson_invited_by_e_mail_joins_and_sees_only_its_own_deals()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Cliente do Dono", "Negócio do Dono", "5.000,00");

        var seller = await HireSalespersonAsync(owner, "Pedro Vendedor");

        await Expect(seller.Page.GetByText("Negócio do Dono")).ToHaveCountAsync(0);
        Assert.Equal(0, await seller.CountAsync("New Lead"));
        await Expect(seller.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);
        await seller.NewLeadWithADealAsync("Cliente do Pedro", "Negócio do Pedro", "700");
        Assert.Equal(1, await seller.CountAsync("New Lead"));
        await Expect(seller.Page.GetByText("Negócio do Dono")).ToHaveCountAsync(0);

        await owner.OpenBoardAsync();
        await owner.WaitForCountAsync("New Lead", 2);
        await Expect(owner.CardIn("New Lead", "Negócio do Pedro").Locator(".card-owner")).ToHaveTextAsync("Pedro Vendedor");
        await owner.OpenAsync("Team");
        await Expect(TeamMember(owner, "Pedro Vendedor")).ToContainTextAsync("Salesperson");
        await Expect(Invitation(owner, seller.Email)).ToContainTextAsync("Accepted");
    }

    [Fact]
    public async Task A_deactivated_salesperson_is_signed_out_at_its_next_step_and_cannot_sign_in_again()
    {
        var owner = await SignUpAsync();
        var seller = await HireSalespersonAsync(owner, "Ana Temporária");
        await owner.Page.ReloadAsync();

        await TeamMember(owner, "Ana Temporária").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();
        await Expect(TeamMember(owner, "Ana Temporária")).ToContainTextAsync("Inactive");

        await seller.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Leads", Exact = true }).ClickAsync();
        await Expect(seller.Page).ToHaveURLAsync(SignInUrl());
        await Expect(seller.Page.GetByText("Your session has ended. Please sign in again.")).ToBeVisibleAsync();
        await seller.SubmitSignInAsync();
        await Expect(seller.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync();
        Assert.EndsWith("/sign-in", seller.Page.Url, StringComparison.Ordinal);

        await TeamMember(owner, "Ana Temporária").GetByRole(AriaRole.Button, new() { Name = "Reactivate" }).ClickAsync();
        await Expect(TeamMember(owner, "Ana Temporária")).ToContainTextAsync("Active");
        await seller.Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
        await Expect(seller.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Leads"); // back where it was
    }

    [Fact]
    public async Task A_revoked_invitation_link_says_so_and_a_resent_one_works()
    {
        var owner = await SignUpAsync();
        await VerifyEmailAsync(owner);
        var email = UserInBrowser.Unique("talvez");
        await InviteAsync(owner, email);
        var firstLink = await Crm.LinkInMailAsync(email, "/invite/");
        await Invitation(owner, email).GetByRole(AriaRole.Button, new() { Name = "Copy link" }).ClickAsync();
        await Expect(owner.Page.GetByText("Link copied.")).ToBeVisibleAsync();
        Assert.Equal(firstLink, await owner.Page.EvaluateAsync<string>("() => navigator.clipboard.readText()"));
        await Invitation(owner, email).GetByRole(AriaRole.Button, new() { Name = "Revoke" }).ClickAsync();
        await Expect(Invitation(owner, email)).ToContainTextAsync("Revoked");

        var guest = await GuestAsync(email);
        await guest.Page.GotoAsync(firstLink);
        await Expect(guest.Page.GetByText("This invitation was revoked.")).ToBeVisibleAsync();

        await InviteAsync(owner, email);
        var second = await Crm.LinkInMailAsync(email, "/invite/", skip: 1);
        await Invitation(owner, email).Filter(new() { HasText = "Pending" }).GetByRole(AriaRole.Button, new() { Name = "Resend" }).ClickAsync();
        var resent = await Crm.LinkInMailAsync(email, "/invite/", skip: 2);
        Assert.NotEqual(second, resent);
        await guest.Page.GotoAsync(second);
        await Expect(guest.Page.GetByRole(AriaRole.Alert)).ToBeVisibleAsync(); // the resend replaced its token
        await guest.Page.GotoAsync(resent);
        await Expect(guest.Page.GetByRole(AriaRole.Button, new() { Name = "Join the team" })).ToBeVisibleAsync();
    }
}
