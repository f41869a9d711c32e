using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>
/// The demo company of the README (`seed-demo`) as its people see it; these pages are also the README's screenshots
/// (WORKSHOPCRM_SCREENSHOTS=docs/screenshots).
/// </summary>
public sealed class DemoTourInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    private static readonly string[] Stages = ["New Lead", "Contacted", "Qualified", "Proposal Sent", "Negotiation", "Won", "Lost"];

    [Fact]
    public async Task The_demo_owner_sees_every_stage_filled_with_totals_stale_cards_notes_leads_and_the_team()
    {
        var owner = await SignInAsync(CrmInBrowser.DemoOwner, CrmInBrowser.DemoPassword);

        foreach (var stage in Stages)
        {
            Assert.True(await owner.CountAsync(stage) > 0, $"{stage} is empty");
            Assert.DoesNotMatch(@"R\$\s0,00", await owner.TotalAsync(stage));
        }

        await Expect(owner.Page.Locator(".badge-stale").First).ToBeVisibleAsync();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "board");

        var me = (await owner.Page.Locator(".user-name").InnerTextAsync()).Trim();
        var filter = owner.Page.GetByLabel("Owner", new() { Exact = true });
        var seller = (await filter.Locator("option").AllInnerTextsAsync()).Single(o => o != "All owners" && o != me);
        await filter.SelectOptionAsync(new SelectOptionValue { Label = seller });
        await Expect(owner.Page.Locator(".column .card .card-owner").Filter(new() { HasText = me })).ToHaveCountAsync(0);
        Assert.All(await owner.Page.Locator(".column .card .card-owner").AllInnerTextsAsync(), o => Assert.Equal(seller, o.Trim()));
        await filter.SelectOptionAsync(new SelectOptionValue { Label = "All owners" });
        await Expect(owner.Page.Locator(".column .card .card-owner").Filter(new() { HasText = me }).First).ToBeVisibleAsync();

        await owner.Column("Negotiation").Locator(".card-title").First.ClickAsync();
        await Expect(owner.Dialog.GetByLabel("Title")).Not.ToHaveValueAsync("");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "deal-panel");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();

        await owner.OpenAsync("Leads");
        await Expect(owner.Page.GetByRole(AriaRole.Row)).Not.ToHaveCountAsync(0);
        await owner.Page.GetByLabel("Search by name, e-mail or phone").FillAsync("@");
        await Expect(owner.Page.Locator("tbody tr, .lead-card").First).ToBeVisibleAsync();
        await owner.Page.GetByLabel("Search by name, e-mail or phone").FillAsync("");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "leads");

        await owner.OpenAsync("Team");
        await Expect(TeamMember(owner, "@demo.workshopcrm.local").First).ToBeVisibleAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Region, new() { Name = "Users" }).GetByText(CrmInBrowser.DemoSalesperson)).ToBeVisibleAsync();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "team");

        await owner.OpenAsync("Settings");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "settings");

        await owner.Page.SetViewportSizeAsync(390, 844);
        await owner.OpenBoardAsync();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "board-phone");
    }

    [Fact]
    public async Task The_demo_salesperson_sees_only_its_own_deals_on_the_same_board()
    {
        var seller = await SignInAsync(CrmInBrowser.DemoSalesperson, CrmInBrowser.DemoPassword);
        var name = (await seller.Page.Locator(".user-name").InnerTextAsync()).Trim();

        var owners = await seller.Page.Locator(".column .card .card-owner").AllInnerTextsAsync();

        Assert.NotEmpty(owners);
        Assert.All(owners, o => Assert.Equal(name, o.Trim()));
        await Expect(seller.Page.GetByLabel("Owner")).ToHaveCountAsync(0); // no owner filter for a salesperson
        await Expect(seller.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Team" })).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task In_Portuguese_the_demo_board_reads_in_Portuguese_with_reais()
    {
        var page = await Crm.NewPageAsync(locale: "pt-BR");
        var owner = Track(new UserInBrowser(Crm, page, CrmInBrowser.DemoOwner, CrmInBrowser.DemoPassword));
        await page.GotoAsync("/sign-in");
        await page.GetByLabel("E-mail").FillAsync(CrmInBrowser.DemoOwner);
        await page.GetByLabel("Senha", new() { Exact = true }).FillAsync(CrmInBrowser.DemoPassword);
        await page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();

        await Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Funil de vendas");
        await Expect(owner.Column("Won").Locator(".column-total")).ToHaveTextAsync(new Regex(@"^R\$\s[\d.]+,\d\d$"));
        await Expect(owner.Column("Won").Locator("h2")).ToHaveTextAsync("Ganho");
        await CrmInBrowser.ScreenshotAsync(page, "board-pt-BR");
    }
}
