using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>The deal panel: edits, stage, notes, delete, and a real conflict with another user explained.</summary>
public sealed class DealPanelInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task Edits_a_move_notes_and_delete_in_the_panel_show_on_the_board()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Frota Express", "Contrato anual", "10.000,00");
        await OpenPanelAsync(owner, "Contrato anual");
        var panel = owner.Dialog;

        await panel.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Qualified" });
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await owner.WaitForCountAsync("Qualified", 1);
        await panel.GetByLabel("Title").FillAsync("Contrato anual 2027");
        await panel.GetByLabel("Value (R$)").FillAsync("12.500,50");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();

        await Expect(panel.GetByText("Saved.")).ToBeVisibleAsync();
        await Expect(panel.GetByTestId("deal-conflict")).ToHaveCountAsync(0);
        await Expect(owner.CardIn("Qualified", "Contrato anual 2027").Locator(".card-value")).ToHaveTextAsync(new Regex(@"R\$\s?12\.500,50"));

        var notes = panel.Locator(".note");
        await panel.GetByLabel("New note").FillAsync("Primeira ligação: pediu proposta.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(notes).ToHaveCountAsync(1);
        await panel.GetByLabel("New note").FillAsync("Proposta enviada por e-mail.");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await Expect(notes).ToHaveCountAsync(2);
        await Expect(notes.First).ToContainTextAsync("Proposta enviada");
        await Expect(notes.First).ToContainTextAsync("Maria Souza");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "deal-notes");

        await notes.First.GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Confirm(owner, "Delete this note?").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(notes).ToHaveCountAsync(1);
        await panel.GetByRole(AriaRole.Button, new() { Name = "Delete" }).Last.ClickAsync();
        await Confirm(owner, "Delete this deal?").GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(panel).ToHaveCountAsync(0);
        await owner.WaitForCountAsync("Qualified", 0);
        await owner.Page.ReloadAsync();
        await owner.WaitForCountAsync("Qualified", 0);
    }

    [Fact]
    public async Task A_title_changed_by_someone_else_while_typing_is_explained_and_their_version_can_be_loaded()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Transportes Sul", "Pneus para 10 caminhões", "9.000");
        var colleague = await SignInAsync(owner.Email, owner.Password);

        await OpenPanelAsync(owner, "Pneus para 10 caminhões");
        await owner.Dialog.GetByLabel("Title").FillAsync("Pneus para 12 caminhões");
        await OpenPanelAsync(colleague, "Pneus para 10 caminhões");
        await colleague.Dialog.GetByLabel("Title").FillAsync("Pneus para 8 caminhões");
        await colleague.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();
        await Expect(colleague.Dialog.GetByText("Saved.")).ToBeVisibleAsync();

        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).First.ClickAsync();

        var conflict = owner.Dialog.GetByTestId("deal-conflict");
        await Expect(conflict).ToContainTextAsync("Pneus para 8 caminhões");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "deal-version-conflict");
        await conflict.GetByRole(AriaRole.Button, new() { Name = "Load their version" }).ClickAsync();
        await Expect(owner.Dialog.GetByLabel("Title")).ToHaveValueAsync("Pneus para 8 caminhões");
        await Expect(conflict).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_owner_hands_a_deal_to_a_salesperson_whose_board_shows_it_live()
    {
        var owner = await SignUpAsync();
        var seller = await HireSalespersonAsync(owner, "Bruno Vendas");
        await owner.NewLeadWithADealAsync("Locadora Norte", "Manutenção de 40 carros", "40.000");
        await Expect(seller.Page.Locator(".live.on")).ToBeVisibleAsync();
        Assert.Equal(0, await seller.CountAsync("New Lead"));

        await OpenPanelAsync(owner, "Manutenção de 40 carros");
        await owner.Dialog.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = "Bruno Vendas" });

        await Expect(owner.Card("Manutenção de 40 carros").Locator(".card-owner")).ToHaveTextAsync("Bruno Vendas");
        await seller.WaitForCountAsync("New Lead", 1);
        await Expect(seller.Card("Manutenção de 40 carros")).ToBeVisibleAsync();
    }

    private static ILocator Confirm(UserInBrowser user, string title) => user.Page.GetByRole(AriaRole.Dialog, new() { Name = title });

    private static async Task OpenPanelAsync(UserInBrowser user, string title)
    {
        await user.Card(title).Locator(".card-title").ClickAsync();
        await Expect(user.Dialog.GetByLabel("Title")).ToHaveValueAsync(title);
    }
}
