using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>Issue 12, "What a new user trips over": each point as the person met it, at the screen it happened on.</summary>
public sealed class NewUserInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task An_invitation_is_listed_even_when_the_first_list_was_read_before_it_was_saved()
    {
        var owner = await SignUpAsync();
        await owner.FollowMailedLinkAsync("/verify-email");
        await Expect(owner.Page.GetByText("Your e-mail is verified.")).ToBeVisibleAsync();
        // The first GET /api/invitations is read at once but answered only after the invite's POST returned: what a
        // busy machine does to a screen that invites while its list is still loading.
        var firstRead = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        var lists = 0;
        await owner.Page.RouteAsync("**/api/invitations?*", async route =>
        {
            if (Interlocked.Increment(ref lists) > 1)
            {
                await route.ContinueAsync();
                return;
            }

            var empty = await route.FetchAsync();
            firstRead.TrySetResult();
            await release.Task;
            await route.FulfillAsync(new() { Response = empty });
        });
        await owner.Page.GotoAsync("/team");
        await firstRead.Task.WaitAsync(TimeSpan.FromSeconds(15));
        var email = UserInBrowser.Unique("convidada");

        await owner.Page.RunAndWaitForResponseAsync(
            () => InviteAsync(owner, email),
            r => r.Request.Method == "POST" && r.Url.EndsWith("/api/invitations", StringComparison.Ordinal));
        release.TrySetResult();

        await Expect(Invitation(owner, email)).ToContainTextAsync("Pending");
        await Expect(owner.Page.GetByText("No invitations yet.")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task An_empty_new_deal_says_what_is_required_and_letters_in_a_value_are_refused_instead_of_becoming_zero()
    {
        var owner = await SignUpAsync();
        await owner.CreateLeadAsync("Oficina Nova", UserInBrowser.Unique("lead"));
        await owner.OpenBoardAsync();
        var dealsSent = 0;
        owner.Page.Request += (_, r) => { if (r.Method == "POST" && r.Url.EndsWith("/api/deals", StringComparison.Ordinal)) dealsSent++; };

        await owner.Page.Locator(".toolbar button.primary").ClickAsync();
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();

        var lead = owner.Dialog.GetByLabel("Lead", new() { Exact = true });
        var title = owner.Dialog.GetByLabel("Title");
        var value = owner.Dialog.GetByLabel("Value (R$)");
        await Expect(lead).ToHaveAccessibleDescriptionAsync("Required.");
        await Expect(title).ToHaveAccessibleDescriptionAsync("Required.");
        await Expect(lead).ToHaveAttributeAsync("aria-invalid", "true");
        await lead.SelectOptionAsync(new SelectOptionValue { Index = 1 });
        await title.FillAsync("Revisão geral");
        await value.FillAsync("abc");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
        await Expect(value).ToHaveAccessibleDescriptionAsync("Type an amount in reais, like 1.234,56.");
        await value.FillAsync("1.234,56,7");
        await title.FocusAsync();
        await Expect(value).ToHaveAccessibleDescriptionAsync("Type an amount in reais, like 1.234,56.");
        Assert.Equal(0, dealsSent);

        await value.FillAsync("R$ 1.234,56");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
        await Expect(owner.Card("Revisão geral").Locator(".card-value")).ToHaveTextAsync(new Regex(@"R\$\s?1\.234,56"));
        Assert.Equal(1, dealsSent);

        await owner.Card("Revisão geral").Locator(".card-title").ClickAsync();
        await owner.Dialog.GetByLabel("Value (R$)").FillAsync("12abc");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
        await Expect(owner.Dialog.GetByLabel("Value (R$)")).ToHaveAccessibleDescriptionAsync("Type an amount in reais, like 1.234,56.");
        await Expect(owner.Card("Revisão geral").Locator(".card-value")).ToHaveTextAsync(new Regex(@"R\$\s?1\.234,56"));
    }

    [Fact]
    public async Task Long_unbroken_names_wrap_and_no_screen_scrolls_sideways()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var name = new string('A', 255); // the longest name the server keeps
        var title = new string('T', 255);
        await setup.DealAsync(await setup.LeadAsync(name, phone: "+55 11 91234-5678"), title, 100m);
        var owner = await SignInAsync(setup.Email, setup.Password);
        var wide = new List<string>();

        await Expect(owner.Card(title)).ToBeVisibleAsync();
        wide.AddRange(await SidewaysAsync(owner, "board"));
        await owner.Card(title).Locator(".card-title").ClickAsync();
        await Expect(owner.Dialog.GetByLabel("Title")).ToHaveValueAsync(title);
        wide.AddRange(await SidewaysAsync(owner, "deal panel"));
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await owner.OpenAsync("Leads");
        var row = owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = name });
        await Expect(row).ToBeVisibleAsync();
        wide.AddRange(await SidewaysAsync(owner, "leads"));
        var edit = await row.GetByRole(AriaRole.Button, new() { Name = "Edit" }).BoundingBoxAsync();

        Assert.True(wide.Count == 0, string.Join('\n', wide));
        Assert.NotNull(edit);
        Assert.True(edit.X >= 0 && edit.X + edit.Width <= 1280, $"The row's Edit button is at x={edit.X}, outside the 1280 px screen.");
    }

    [Fact]
    public async Task A_note_typed_while_the_previous_one_is_saved_stays_in_the_box()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Garagem Central", "Troca de embreagem", "2.000");
        await owner.Card("Troca de embreagem").Locator(".card-title").ClickAsync();
        var saved = new TaskCompletionSource();
        var release = new TaskCompletionSource();
        await owner.Page.RouteAsync("**/api/deals/*/notes", async route =>
        {
            if (route.Request.Method != "POST")
            {
                await route.ContinueAsync();
                return;
            }

            var answer = await route.FetchAsync();
            saved.TrySetResult();
            await release.Task;
            await route.FulfillAsync(new() { Response = answer });
        });
        var box = owner.Dialog.GetByLabel("New note");

        await box.FillAsync("Cliente pediu orçamento.");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Add note" }).ClickAsync();
        await saved.Task.WaitAsync(TimeSpan.FromSeconds(15));
        await box.FillAsync("Cliente pediu orçamento. Ligar na sexta."); // typing on while the first one is saved
        release.TrySetResult();

        await Expect(owner.Dialog.Locator(".note")).ToHaveCountAsync(1);
        await Expect(owner.Dialog.Locator(".note")).ToContainTextAsync("Cliente pediu orçamento.");
        await Expect(box).ToHaveValueAsync("Ligar na sexta.");
    }

    [Fact]
    public async Task Deactivating_a_salesperson_asks_first_and_hands_its_deals_over_while_the_board_filter_keeps_it()
    {
        var owner = await SignUpAsync();
        var seller = await HireSalespersonAsync(owner, "Carla Saindo");
        await seller.NewLeadWithADealAsync("Cliente da Carla", "Negócio da Carla", "3.000");
        await owner.Page.ReloadAsync();

        await TeamMember(owner, "Carla Saindo").GetByRole(AriaRole.Button, new() { Name = "Deactivate" }).ClickAsync();
        var dialog = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Deactivate Carla Saindo?" });
        await Expect(dialog).ToContainTextAsync("signed out");
        var heir = dialog.GetByLabel("Hand open deals and leads over to");
        await Expect(heir.Locator("option:checked")).ToHaveTextAsync("Maria Souza");
        await Expect(heir.Locator("option")).ToHaveCountAsync(2); // nobody, or the owner: Carla herself is not offered
        await dialog.GetByRole(AriaRole.Button, new() { Name = "Deactivate", Exact = true }).ClickAsync();

        await Expect(TeamMember(owner, "Carla Saindo")).ToContainTextAsync("Inactive");
        await owner.OpenBoardAsync();
        await Expect(owner.Card("Negócio da Carla").Locator(".card-owner")).ToHaveTextAsync("Maria Souza");
        await Expect(owner.Page.GetByLabel("Owner").Locator("option", new() { HasText = "Carla Saindo" })).ToHaveTextAsync("Carla Saindo (inactive)");
    }

    [Fact]
    public async Task Right_after_sign_up_the_board_asks_in_Portuguese_to_confirm_the_e_mail_and_can_send_it_again()
    {
        var owner = await SignUpInPortugueseAsync();
        var notice = owner.Page.GetByRole(AriaRole.Region, new() { Name = "Seu e-mail ainda não foi verificado." });

        await Expect(notice).ToContainTextAsync($"Confirme seu e-mail: enviamos um link para {owner.Email}.");
        await Crm.LinkInMailAsync(owner.Email, "/verify-email");
        await notice.GetByRole(AriaRole.Button, new() { Name = "Reenviar e-mail" }).ClickAsync();
        await Expect(notice).ToContainTextAsync("Enviado");
        await Crm.LinkInMailAsync(owner.Email, "/verify-email", skip: 1);
        await notice.GetByRole(AriaRole.Button, new() { Name = "Ocultar este aviso" }).ClickAsync();
        await Expect(notice).ToHaveCountAsync(0);
        await owner.OpenAsync("Leads");
        await owner.OpenAsync("Funil");
        await owner.Columns.First.WaitForAsync();
        await Expect(notice).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_deal_panel_saves_title_and_stage_with_one_button_and_asks_before_Escape_discards_edits()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Auto Elétrica Lima", "Bateria nova", "450");
        await owner.Card("Bateria nova").Locator(".card-title").ClickAsync();
        var panel = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Bateria nova" });
        await Expect(panel.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true })).ToHaveCountAsync(1);

        await panel.GetByLabel("Title").FillAsync("Bateria nova 60Ah");
        await panel.GetByLabel("Stage", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Contacted" });
        await owner.Page.Keyboard.PressAsync("Escape");
        var discard = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Discard changes?" });
        await discard.GetByRole(AriaRole.Button, new() { Name = "Keep editing" }).ClickAsync();
        await Expect(discard).ToHaveCountAsync(0);
        await Expect(panel.GetByLabel("Title")).ToHaveValueAsync("Bateria nova 60Ah");
        await panel.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();

        await Expect(owner.CardIn("Contacted", "Bateria nova 60Ah")).ToBeVisibleAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Dialog).GetByText("Saved.")).ToBeVisibleAsync();
        await owner.Page.Keyboard.PressAsync("Escape");
        await Expect(owner.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await owner.Card("Bateria nova 60Ah").Locator(".card-title").ClickAsync();
        await owner.Dialog.GetByLabel("Title").FillAsync("Rascunho");
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Discard changes?" }).GetByRole(AriaRole.Button, new() { Name = "Discard" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);
        await Expect(owner.Card("Bateria nova 60Ah")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_deal_that_no_longer_exists_says_so_with_only_a_close_button()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Posto Avenida", "Lavagem da frota", "900");
        var link = await owner.Card("Lavagem da frota").Locator(".card-title").GetAttributeAsync("href");
        await owner.Card("Lavagem da frota").Locator(".card-title").ClickAsync();
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Delete" }).Last.ClickAsync();
        await owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Delete this deal?" }).GetByRole(AriaRole.Button, new() { Name = "Delete" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Dialog)).ToHaveCountAsync(0);

        await owner.Page.GotoAsync(link!);

        await Expect(owner.Dialog.GetByTestId("deal-gone")).ToContainTextAsync("This deal no longer exists.");
        await Expect(owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Try again" })).ToHaveCountAsync(0);
        await owner.Dialog.GetByTestId("deal-gone").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(owner.Dialog).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_lost_deal_shows_its_reason_on_its_card()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Funilaria Rocha", "Pintura do caminhão", "7.000");

        await owner.DragAsync("Pintura do caminhão", "Lost");
        await owner.Dialog.GetByLabel("Loss reason").FillAsync("Fechou com o concorrente");
        await owner.MoveSavedAsync(() => owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Mark as lost" }).ClickAsync());
        await owner.Page.ReloadAsync();

        await Expect(owner.CardIn("Lost", "Pintura do caminhão").Locator(".card-loss")).ToHaveTextAsync("Reason: Fechou com o concorrente");
    }

    [Fact]
    public async Task On_a_phone_in_Portuguese_every_menu_item_and_the_lead_search_read_whole()
    {
        var owner = await SignUpInPortugueseAsync();
        await owner.Page.SetViewportSizeAsync(390, 844);
        await owner.Page.GotoAsync("/leads");
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Leads");

        var cut = await owner.Page.EvaluateAsync<string[]>(@"() => {
            const problems = [];
            for (const a of document.querySelectorAll('nav a')) {
              const r = a.getBoundingClientRect();
              if (a.scrollWidth > a.clientWidth || r.left < 0 || r.right > window.innerWidth) problems.push('menu item ' + a.textContent);
            }
            const search = document.getElementById('lead-search');
            const style = getComputedStyle(search);
            const ctx = document.createElement('canvas').getContext('2d');
            ctx.font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
            const room = search.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
            if (ctx.measureText(search.placeholder).width > room) problems.push('search placeholder ' + search.placeholder);
            return problems;
        }");

        Assert.True(cut.Length == 0, string.Join('\n', cut));
        await Expect(owner.Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = "Configurações" })).ToBeInViewportAsync();
    }

    /// <summary>Sign-up at a Portuguese browser (pt-BR labels), landing on the board.</summary>
    private async Task<UserInBrowser> SignUpInPortugueseAsync([System.Runtime.CompilerServices.CallerMemberName] string test = "")
    {
        var owner = Track(await UserInBrowser.AtNewBrowserAsync(Crm, UserInBrowser.Unique("dona"), locale: "pt-BR"), test);
        await owner.Page.GotoAsync("/sign-up");
        await owner.Page.GetByLabel("Nome da empresa").FillAsync("Oficina " + Guid.NewGuid().ToString("N")[..6]);
        await owner.Page.GetByLabel("Seu nome").FillAsync("Maria Souza");
        await owner.Page.GetByLabel("E-mail").FillAsync(owner.Email);
        await owner.Page.GetByLabel("Senha", new() { Exact = true }).FillAsync(owner.Password);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Criar conta" }).ClickAsync();
        await owner.Columns.First.WaitForAsync();
        return owner;
    }

    /// <summary>What sticks out sideways: the page itself, or the board, a table or the deal panel scrolling inside.</summary>
    private static async Task<IEnumerable<string>> SidewaysAsync(UserInBrowser user, string screen) =>
        (await user.Page.EvaluateAsync<string[]>(@"() => {
            const wide = [];
            const page = document.documentElement;
            if (page.scrollWidth > page.clientWidth) wide.push('the page is ' + (page.scrollWidth - page.clientWidth) + 'px wider than the screen');
            for (const el of document.querySelectorAll('.board, .table-wrap, .drawer, .card'))
              if (el.scrollWidth > el.clientWidth + 1) wide.push(el.className + ' scrolls ' + (el.scrollWidth - el.clientWidth) + 'px sideways');
            return wide;
        }")).Select(w => $"{screen}: {w}");
}
