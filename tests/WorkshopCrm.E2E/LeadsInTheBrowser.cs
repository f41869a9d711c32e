using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>The leads list: a lead's deals, editing, deleting, paging and search.</summary>
public sealed class LeadsInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task A_lead_shows_its_deals_an_edit_reaches_the_board_and_deleting_it_takes_its_deals_along()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Oficina Mecânica Souza", "Troca de óleo da frota", "1.200", phone: "+55 31 98888-7777");
        await owner.QuickAddDealAsync("Oficina Mecânica Souza", "Revisão anual", "3.400");

        await owner.OpenAsync("Leads");
        var row = owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Oficina Mecânica Souza" });
        await Expect(row).ToContainTextAsync("2");
        await row.GetByRole(AriaRole.Button, new() { Name = "Oficina Mecânica Souza" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Link, new() { Name = "Troca de óleo da frota" })).ToBeVisibleAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Link, new() { Name = "Revisão anual" })).ToBeVisibleAsync();

        await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).ClickAsync();
        await owner.Dialog.GetByLabel("Name").FillAsync("Auto Center Souza");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Auto Center Souza" })).ToBeVisibleAsync();
        await owner.OpenBoardAsync();
        await Expect(owner.Card("Revisão anual").Locator(".card-lead")).ToHaveTextAsync("Auto Center Souza");

        await owner.OpenAsync("Leads");
        await owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Auto Center Souza" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(owner.Page.GetByText("No leads found.")).ToBeVisibleAsync();
        await owner.OpenBoardAsync();
        await owner.WaitForCountAsync("New Lead", 0);
    }

    [Fact]
    public async Task Many_leads_are_paged_and_the_search_finds_one_by_part_of_its_phone()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        for (var i = 1; i <= 30; i++)
            // e-mails of the company's own (a random one could hold the digits searched for below: the search reads e-mails too)
            await setup.LeadAsync($"Cliente {i:00}", phone: $"+55 11 9{i:0000}-{7000 + i}", email: $"cliente{i:00}@example.com");
        var owner = await SignInAsync(setup.Email, setup.Password);
        await owner.OpenAsync("Leads");

        var rows = owner.Page.Locator("tbody tr");
        await Expect(owner.Page.GetByText("Page 1 of 2")).ToBeVisibleAsync();
        var firstPage = await rows.CountAsync();
        Assert.InRange(firstPage, 10, 29);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Next" }).ClickAsync();
        await Expect(rows).ToHaveCountAsync(30 - firstPage);

        await owner.Page.GetByLabel("Search by name, e-mail or phone").FillAsync("7017");
        await Expect(rows).ToHaveCountAsync(1);
        await Expect(rows.First).ToContainTextAsync("Cliente 17");
    }
}
