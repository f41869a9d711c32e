using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>The board as a Business Owner works it: leads, deals, drag and drop, Lost reasons, live updates.</summary>
public sealed class PipelineInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task A_deal_dragged_to_Won_moves_the_headers_count_and_total_and_stays_there_after_a_reload()
    {
        var owner = await SignUpThroughTheFormAsync();
        await owner.NewLeadWithADealAsync("Oficina do João", "Revisão da frota", "1.500,00", phone: "+55 11 98765-4321");
        Assert.Equal(1, await owner.CountAsync("New Lead"));
        Assert.Equal(0, await owner.CountAsync("Won"));

        await owner.MoveSavedAsync(() => owner.DragAsync("Revisão da frota", "Won"));

        await owner.WaitForCountAsync("Won", 1);
        await owner.WaitForCountAsync("New Lead", 0);
        Assert.Matches(@"R\$\s*1\.500,00", await owner.TotalAsync("Won"));
        await Expect(owner.CardIn("Won", "Revisão da frota")).ToBeVisibleAsync();

        await owner.Page.ReloadAsync();
        await Expect(owner.CardIn("Won", "Revisão da frota")).ToBeVisibleAsync();
        Assert.Equal(1, await owner.CountAsync("Won"));
        Assert.Matches(@"R\$\s*1\.500,00", await owner.TotalAsync("Won"));
    }

    [Fact]
    public async Task A_deal_dropped_into_Lost_moves_only_once_a_reason_is_given()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Auto Peças Lima", "Troca de pneus", "800");

        await owner.DragAsync("Troca de pneus", "Lost");
        var markLost = owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Mark as lost" });
        await Expect(markLost).ToBeDisabledAsync();
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(owner.CardIn("New Lead", "Troca de pneus")).ToBeVisibleAsync();
        Assert.Equal(0, await owner.CountAsync("Lost"));

        await owner.DragAsync("Troca de pneus", "Lost");
        await owner.Dialog.GetByLabel("Loss reason").FillAsync("Preço acima do concorrente");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "board-lost-reason");
        await markLost.ClickAsync();

        await owner.WaitForCountAsync("Lost", 1);
        await owner.CardIn("Lost", "Troca de pneus").Locator(".card-title").ClickAsync();
        await Expect(owner.Dialog.GetByLabel("Loss reason")).ToHaveValueAsync("Preço acima do concorrente");
    }

    [Fact]
    public async Task A_second_lead_with_the_same_e_mail_is_refused_on_the_e_mail_field()
    {
        var owner = await SignUpAsync();
        var email = UserInBrowser.Unique("dup");
        await owner.CreateLeadAsync("Primeiro", email);

        await owner.OpenLeadFormAsync("Segundo", email.ToUpperInvariant());

        var emailField = owner.Dialog.GetByLabel("E-mail");
        await Expect(emailField).ToHaveAttributeAsync("aria-invalid", "true");
        var error = owner.Dialog.Locator(".field-invalid .field-error");
        await Expect(error).ToBeVisibleAsync();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "leads-duplicate-email");
        Assert.Contains("e-mail", (await error.InnerTextAsync()).ToLowerInvariant(), StringComparison.Ordinal);
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Cancel" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Cell, new() { Name = "Segundo" })).ToHaveCountAsync(0);
        await Expect(owner.Page.GetByRole(AriaRole.Cell, new() { Name = "Primeiro" })).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_move_made_with_the_keyboard_in_one_browser_appears_live_in_another()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Mecânica Rápida", "Alinhamento", "120,00");
        var elsewhere = await SignInAsync(owner.Email, owner.Password);
        await Expect(elsewhere.Page.Locator(".live.on")).ToBeVisibleAsync();
        await Expect(elsewhere.CardIn("New Lead", "Alinhamento")).ToBeVisibleAsync();

        await Expect(owner.Card("Alinhamento").GetByRole(AriaRole.Button, new() { Name = "Move Alinhamento" })).ToBeVisibleAsync(); // named for screen readers
        await owner.PickUpWithTheKeyboardAsync("Alinhamento");
        await owner.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(owner.Column("Contacted")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex(@"\bover\b"));
        await owner.Page.Keyboard.PressAsync("Space");
        await owner.WaitForCountAsync("Contacted", 1);

        await elsewhere.WaitForCountAsync("Contacted", 1);
        await elsewhere.WaitForCountAsync("New Lead", 0);
        await Expect(elsewhere.CardIn("Contacted", "Alinhamento")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_column_longer_than_a_page_loads_the_rest_on_demand_and_search_narrows_the_board()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var lead = await setup.LeadAsync("Frota Grande");
        for (var i = 1; i <= 22; i++)
            await setup.DealAsync(lead, $"Revisão {i:00}", 100 * i);
        var owner = await SignInAsync(setup.Email, setup.Password);

        await owner.WaitForCountAsync("New Lead", 22);
        var cards = owner.Column("New Lead").Locator(".card");
        await Expect(cards).ToHaveCountAsync(20);
        await Expect(owner.Column("New Lead").Locator(".column-total")).ToHaveTextAsync(new System.Text.RegularExpressions.Regex(@"R\$\s25\.300,00"));
        await owner.Column("New Lead").GetByRole(AriaRole.Button, new() { Name = "Load more" }).ClickAsync();
        await Expect(cards).ToHaveCountAsync(22);
        await Expect(owner.Column("New Lead").GetByRole(AriaRole.Button, new() { Name = "Load more" })).ToHaveCountAsync(0);

        await owner.Page.GetByLabel("Search deals").FillAsync("Revisão 07");
        await Expect(cards).ToHaveCountAsync(1);
        await Expect(cards.First).ToContainTextAsync("Revisão 07");
        await owner.Page.GetByLabel("Search deals").FillAsync("");
        await Expect(cards).ToHaveCountAsync(20);
    }

    [Fact]
    public async Task A_move_the_server_refuses_is_undone_with_a_message()
    {
        var owner = await SignUpAsync();
        await owner.NewLeadWithADealAsync("Garagem Central", "Funilaria", "2.000");
        // The server says no (as it would to a deal deleted meanwhile): a 404 problem for this one move.
        await owner.Page.RouteAsync("**/api/deals/*/move", route => route.FulfillAsync(new()
        {
            Status = 404,
            ContentType = "application/problem+json",
            Body = """{"type":"about:blank","title":"Not found","status":404,"code":"deal.not_found","detail":"No such deal."}""",
        }));

        await owner.DragAsync("Funilaria", "Qualified");

        await Expect(owner.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "The move was refused and was undone" })).ToBeVisibleAsync();
        await Expect(owner.CardIn("New Lead", "Funilaria")).ToBeVisibleAsync();
        await owner.WaitForCountAsync("Qualified", 0);
        await owner.WaitForCountAsync("New Lead", 1);
    }

    [Fact]
    public async Task An_expired_access_token_is_renewed_silently_and_the_request_goes_through()
    {
        var owner = await SignUpAsync();
        await owner.CreateLeadAsync("Lead Antes", UserInBrowser.Unique("antes"));
        await owner.OpenBoardAsync();
        var refused = 0;
        // The next leads request meets a token past its 15 minutes, as the server would answer it.
        await owner.Page.RouteAsync(new System.Text.RegularExpressions.Regex(@"/api/leads(\?|$)"), async route =>
        {
            if (Interlocked.Increment(ref refused) == 1)
            {
                await route.FulfillAsync(new()
                {
                    Status = 401,
                    ContentType = "application/problem+json",
                    Body = """{"type":"about:blank","title":"Unauthorized","status":401,"code":"auth.unauthenticated"}""",
                });
                return;
            }

            await route.ContinueAsync();
        });

        await owner.OpenAsync("Leads");

        await Eventually.TrueAsync(() => Task.FromResult(Volatile.Read(ref refused) >= 2), "the leads request to be sent again");
        await Expect(owner.Page.GetByRole(AriaRole.Cell, new() { Name = "Lead Antes" })).ToBeVisibleAsync();
        Assert.Contains(Crm.ApiCallsOf(owner.Page), c => c.Contains("POST /api/auth/refresh 200", StringComparison.Ordinal));
        await Expect(owner.Page.GetByRole(AriaRole.Alert)).ToHaveCountAsync(0);
        Assert.EndsWith("/leads", owner.Page.Url, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_card_moved_up_its_column_with_the_keyboard_keeps_its_place_after_a_reload()
    {
        var owner = await SignUpAsync();
        await owner.CreateLeadAsync("Posto Avenida", UserInBrowser.Unique("posto"));
        await owner.OpenBoardAsync();
        foreach (var title in new[] { "Primeiro", "Segundo", "Terceiro" })
            await owner.QuickAddDealAsync("Posto Avenida", title, "100");
        var titles = owner.Column("New Lead").Locator(".card .card-title");
        var before = await titles.AllInnerTextsAsync();

        await owner.PickUpWithTheKeyboardAsync(before[2]);
        var shifted = new System.Text.RegularExpressions.Regex(@"translate3d\(0px, -?[1-9]"); // moved out of the way
        await owner.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(owner.Card(before[1])).ToHaveAttributeAsync("style", shifted); // the card above made room
        await owner.Page.Keyboard.PressAsync("ArrowUp");
        await Expect(owner.Card(before[0])).ToHaveAttributeAsync("style", shifted);
        await owner.MoveSavedAsync(() => owner.Page.Keyboard.PressAsync("Space"));

        string[] expected = [before[2], before[0], before[1]];
        await Expect(titles).ToHaveTextAsync(expected);
        await owner.Page.ReloadAsync();
        await Expect(titles).ToHaveTextAsync(expected);
    }
}
