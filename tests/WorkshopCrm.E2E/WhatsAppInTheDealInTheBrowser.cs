using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>
/// Issue 18 at a Portuguese browser: the lead's WhatsApp conversation in the deal panel (read, answer, a saved reply
/// with "/"), the board's "aguardando resposta", "criar lead" for an unknown number on the WhatsApp screen, and the
/// Business Owner's disconnected banner. Each company is made through the API and its WhatsApp connected through the
/// Evolution simulator, whose phone writes in; the panel is also the README's deal-whatsapp.png
/// (WORKSHOPCRM_SCREENSHOTS=docs/screenshots).
/// </summary>
public sealed class WhatsAppInTheDealInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task An_incoming_message_shows_in_the_deal_panel_marks_the_card_awaiting_and_a_reply_sent_there_clears_it()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var instance = await setup.ConnectWhatsAppAsync("5511955550001");
        var lead = await setup.LeadAsync("Transportadora Rápida Sul", "+55 11 98765-4321");
        await setup.DealAsync(lead, "Revisão de 12 caminhões", 18_500);
        await Crm.WhatsApp.IncomingAsync(instance, "5511987654321", "Bom dia! Vocês fazem revisão de caminhões?", pushName: "Sérgio");
        await Crm.WhatsApp.IncomingAsync(instance, "5511987654321", "São 12 caminhões, para a semana que vem.", pushName: "Sérgio");
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);
        var awaiting = owner.Card("Revisão de 12 caminhões").GetByTestId("card-awaiting-reply");
        await Expect(awaiting).ToContainTextAsync("aguardando resposta");

        await OpenConversationAsync(owner, "Revisão de 12 caminhões");

        var messages = owner.Dialog.GetByTestId("wa-message");
        await Expect(messages).ToHaveTextAsync([new Regex("revisão de caminhões"), new Regex("São 12 caminhões")]); // newest at the bottom
        await Expect(messages.Last).ToHaveAttributeAsync("data-from-me", "false");
        const string answer = "Fazemos sim! Posso passar o orçamento hoje à tarde?";
        await owner.Dialog.GetByLabel("Responder no WhatsApp").FillAsync(answer);
        await owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();

        await Eventually.TrueAsync(() => Task.FromResult(WasSent("5511987654321", answer)), "the reply to reach the lead's phone");
        await Expect(messages.Last).ToContainTextAsync(answer);
        await Expect(messages.Last).ToHaveAttributeAsync("data-from-me", "true");
        await Expect(messages).ToHaveCountAsync(3);
        await Expect(messages.Last).ToContainTextAsync("Entregue"); // the gateway's copy, in place of the one being sent
        await Expect(owner.Dialog.GetByLabel("Responder no WhatsApp")).ToHaveValueAsync("");
        await Expect(awaiting).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task A_lead_without_a_phone_is_said_so_in_the_deal_panel_which_offers_to_add_one()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        await setup.DealAsync(await setup.LeadAsync("Táxi Aeroporto Ltda"), "Alinhamento de 6 táxis", 2_400);
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);

        await OpenConversationAsync(owner, "Alinhamento de 6 táxis");

        var conversation = owner.Dialog.GetByTestId("wa-conversation");
        await Expect(conversation.GetByTestId("wa-no-phone")).ToContainTextAsync("Este lead não tem telefone. Adicione um para conversar pelo WhatsApp.");
        await Expect(conversation.GetByLabel("Responder no WhatsApp")).ToHaveCountAsync(0);
        await conversation.GetByLabel("Telefone").FillAsync("+55 11 96666-4321");
        await conversation.GetByRole(AriaRole.Button, new() { Name = "Salvar telefone" }).ClickAsync();
        await Expect(owner.Dialog).ToContainTextAsync("+55 11 96666-4321"); // the panel's lead line
        await Expect(conversation.GetByTestId("wa-no-phone")).ToHaveCountAsync(0);
        await Expect(conversation.GetByTestId("wa-not-connected")).ToContainTextAsync("O WhatsApp não está conectado.");
        await Expect(conversation.GetByRole(AriaRole.Link, new() { Name = "Conectar o WhatsApp" })).ToHaveAttributeAsync("href", "/whatsapp");
    }

    [Fact]
    public async Task A_saved_reply_made_in_Settings_is_picked_with_a_slash_and_sent_with_the_leads_name_filled_in()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        await setup.ConnectWhatsAppAsync("5511955550002");
        await setup.DealAsync(await setup.LeadAsync("Auto Escola Direção Certa", "+55 11 93456-7890"), "Pneus para 8 carros", 6_400);
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);
        await owner.OpenAsync("Configurações");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Nova resposta salva" }).ClickAsync();
        var form = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Nova resposta salva" });
        await form.GetByLabel("Nome", new() { Exact = true }).FillAsync("Orçamento enviado");
        await form.GetByLabel("Mensagem", new() { Exact = true }).FillAsync("Olá, {{nome}}! O orçamento dos pneus já está no seu e-mail.");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        await Expect(owner.Page.GetByTestId("saved-reply")).ToContainTextAsync("Orçamento enviado");
        await OpenBoardAsync(owner);
        await OpenConversationAsync(owner, "Pneus para 8 carros");
        await Expect(owner.Dialog.GetByTestId("wa-conversation")).ToContainTextAsync("Nenhuma mensagem ainda.");

        await owner.Dialog.GetByLabel("Responder no WhatsApp").PressSequentiallyAsync("/orc");

        var picker = owner.Dialog.GetByRole(AriaRole.Listbox, new() { Name = "Respostas salvas" });
        await Expect(picker.GetByRole(AriaRole.Option)).ToHaveCountAsync(1);
        await picker.GetByRole(AriaRole.Option, new() { Name = "Orçamento enviado" }).ClickAsync();
        var confirm = owner.Dialog.GetByTestId("wa-reply-confirm");
        const string filled = "Olá, Auto Escola Direção Certa! O orçamento dos pneus já está no seu e-mail.";
        await Expect(confirm).ToContainTextAsync("Enviar a resposta salva “Orçamento enviado”?");
        await Expect(confirm.Locator(".reply-preview")).ToHaveTextAsync(filled);
        await confirm.GetByRole(AriaRole.Button, new() { Name = "Enviar", Exact = true }).ClickAsync();
        await Eventually.TrueAsync(() => Task.FromResult(WasSent("5511934567890", filled)), "the saved reply to reach the lead's phone");
        await Expect(owner.Dialog.GetByTestId("wa-message").Last).ToContainTextAsync(filled);
        await Expect(confirm).ToHaveCountAsync(0);
        await Expect(owner.Dialog.GetByLabel("Responder no WhatsApp")).ToHaveValueAsync("");
    }

    [Fact]
    public async Task An_unknown_number_on_the_WhatsApp_screen_becomes_a_lead_from_its_profile_name_and_phone_and_the_chat_links_to_it()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var instance = await setup.ConnectWhatsAppAsync("5511955550003");
        await Crm.WhatsApp.IncomingAsync(instance, "5511977776666", "Oi! Quanto custa a troca de óleo de uma van?", pushName: "Carla Mendes");
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);
        await owner.OpenAsync("WhatsApp");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Carla Mendes" }).ClickAsync();
        var head = owner.Page.GetByTestId("wa-chat-head");
        await Expect(head).ToContainTextAsync("Este número ainda não é um lead.");

        await head.GetByRole(AriaRole.Button, new() { Name = "Criar lead" }).ClickAsync();

        var form = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Novo lead" });
        await Expect(form.GetByLabel("Nome", new() { Exact = true })).ToHaveValueAsync("Carla Mendes");
        await Expect(form.GetByLabel("Telefone")).ToHaveValueAsync("+5511977776666");
        var email = form.GetByLabel("E-mail");
        await Expect(email).ToHaveValueAsync("");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
        await Expect(email).ToHaveAttributeAsync("aria-invalid", "true"); // the seed requires one
        await email.FillAsync(UserInBrowser.Unique("carla"));
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        var link = head.GetByTestId("wa-chat-lead-link");
        await Expect(link).ToHaveTextAsync("Carla Mendes");
        await Expect(link).ToHaveAttributeAsync("href", new Regex(@"^/leads/\d+$"));
        await Expect(head.GetByRole(AriaRole.Button, new() { Name = "Criar lead" })).ToHaveCountAsync(0);
        await link.ClickAsync();
        await Expect(owner.Page).ToHaveURLAsync(new Regex(@"/leads/\d+$"));
        await Expect(owner.Page.GetByRole(AriaRole.Dialog)).ToContainTextAsync("Carla Mendes");
    }

    [Fact]
    public async Task When_the_phone_logs_WhatsApp_out_the_owner_sees_a_reconnect_banner_on_every_screen_and_a_Salesperson_does_not()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var instance = await setup.ConnectWhatsAppAsync("5511955550004");
        var sellerEmail = await setup.SalespersonAsync("Bruno Vendas");
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);
        await owner.OpenAsync("WhatsApp");
        await Expect(owner.Page.GetByText("Situação: Conectado")).ToBeVisibleAsync();
        var banner = owner.Page.GetByTestId("wa-connection-banner");
        await Expect(banner).ToHaveCountAsync(0);

        await Crm.WhatsApp.LogoutFromPhoneAsync(instance);

        await Expect(banner).ToContainTextAsync("O WhatsApp da empresa está desconectado."); // live, on the WhatsApp screen
        await OpenBoardAsync(owner);
        await Expect(banner).ToContainTextAsync("O WhatsApp da empresa está desconectado.");
        await owner.OpenAsync("Leads");
        await owner.Page.ReloadAsync(); // a fresh load of another screen says so too
        await Expect(banner).ToHaveAttributeAsync("data-state", "disconnected");
        await banner.GetByRole(AriaRole.Link, new() { Name = "Reconectar" }).ClickAsync();
        await Expect(owner.Page).ToHaveURLAsync(new Regex("/whatsapp$"));
        await Expect(owner.Page.GetByRole(AriaRole.Button, new() { Name = "Conectar" })).ToBeVisibleAsync();

        var seller = await SignInInPortugueseAsync(sellerEmail, setup.Password);
        await seller.OpenAsync("WhatsApp");
        await Expect(seller.Page.GetByText("Situação: Desconectado")).ToBeVisibleAsync();
        await Expect(seller.Page.GetByTestId("wa-connection-banner")).ToHaveCountAsync(0);
        await OpenBoardAsync(seller);
        await Expect(seller.Page.GetByTestId("wa-connection-banner")).ToHaveCountAsync(0);
    }

    [Fact]
    public async Task The_deal_panel_shows_a_conversation_both_ways_newest_at_the_bottom_live_and_passes_axe()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var instance = await setup.ConnectWhatsAppAsync("5511955550005");
        var lead = await setup.LeadAsync("Frota Verde Logística", "+55 21 99876-5432");
        await setup.DealAsync(lead, "Contrato de manutenção anual", 42_000, "Proposal Sent");
        const string phone = "5521998765432";
        await Crm.WhatsApp.IncomingAsync(instance, phone, "Bom dia! Aqui é o Sérgio, da Frota Verde. Recebi a proposta do contrato anual.", pushName: "Sérgio");
        await setup.WhatsAppAsync(lead, "Bom dia, Sérgio! Que bom. Ficou alguma dúvida?");
        await Crm.WhatsApp.IncomingAsync(instance, phone, "A revisão preventiva dos 18 caminhões está incluída?", pushName: "Sérgio");
        await setup.WhatsAppAsync(lead, "Está sim: revisão a cada 20 mil km, com peças e mão de obra.");
        await setup.WhatsAppAsync(lead, "E o guincho 24 h também entra no contrato.");
        var lastAnswer = DateTimeOffset.UtcNow;
        var owner = await SignInInPortugueseAsync(setup.Email, setup.Password);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Ocultar este aviso" }).ClickAsync(); // the unverified e-mail's notice
        await OpenConversationAsync(owner, "Contrato de manutenção anual");
        var messages = owner.Dialog.GetByTestId("wa-message");
        await Expect(messages).ToHaveCountAsync(5);
        // WhatsApp times are whole seconds and a customer message of the very second of our answer reads as answered
        // (ADR 0022): the customer writes again in a later second, as a person would.
        await Eventually.TrueAsync(() => Task.FromResult(DateTimeOffset.UtcNow.ToUnixTimeSeconds() > lastAnswer.ToUnixTimeSeconds()), "a second after the last answer");

        await Crm.WhatsApp.IncomingAsync(instance, phone, "Ótimo. Dá para fazer R$ 40 mil fechando este mês?", pushName: "Sérgio");

        await Expect(messages).ToHaveCountAsync(6);
        await Expect(messages.Last).ToContainTextAsync("R$ 40 mil");
        await Expect(messages.Last).ToHaveAttributeAsync("data-from-me", "false");
        await Expect(messages.Nth(4)).ToContainTextAsync("Lida"); // who answers has read our messages
        await Expect(owner.Card("Contrato de manutenção anual").GetByTestId("card-awaiting-reply")).ToContainTextAsync("aguardando resposta");
        var thread = owner.Dialog.GetByTestId("wa-thread");
        await thread.ScrollIntoViewIfNeededAsync();
        Assert.True(await thread.EvaluateAsync<bool>("el => el.scrollHeight - el.scrollTop - el.clientHeight < 2"), "the conversation stays at its newest message");
        await owner.Dialog.GetByLabel("Responder no WhatsApp").FillAsync("Consigo sim, Sérgio. Mando a proposta revisada agora.");
        var problems = (await QualityInTheBrowser.ViolationsAsync(owner.Page, "deal panel with its WhatsApp conversation")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));
        await owner.Dialog.GetByTestId("wa-conversation").EvaluateAsync("el => el.scrollIntoView({ block: 'start' })");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "deal-whatsapp");
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Signs someone in at a Portuguese browser (pt-BR labels), landing on the board.</summary>
    private async Task<UserInBrowser> SignInInPortugueseAsync(string email, string password, [CallerMemberName] string test = "")
    {
        var user = Track(await UserInBrowser.AtNewBrowserAsync(Crm, email, password, locale: "pt-BR"), test);
        await user.Page.GotoAsync("/sign-in");
        await user.Page.GetByLabel("E-mail").FillAsync(user.Email);
        await user.Page.GetByLabel("Senha", new() { Exact = true }).FillAsync(user.Password);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await user.Columns.First.WaitForAsync();
        return user;
    }

    /// <summary>The board from the menu ("Funil").</summary>
    private static async Task OpenBoardAsync(UserInBrowser user)
    {
        await user.OpenAsync("Funil");
        await user.Columns.First.WaitForAsync();
    }

    /// <summary>On the board: opens the deal's panel and its "Conversa no WhatsApp" section (closed in a new browser).</summary>
    private static async Task OpenConversationAsync(UserInBrowser user, string dealTitle)
    {
        await user.Card(dealTitle).Locator(".card-title").ClickAsync();
        var toggle = user.Dialog.GetByRole(AriaRole.Button, new() { Name = "Conversa no WhatsApp" });
        await toggle.ClickAsync();
        await Expect(toggle).ToHaveAttributeAsync("aria-expanded", "true");
    }

    /// <summary>Whether the simulator's WhatsApp carried exactly this text to the phone.</summary>
    private bool WasSent(string phone, string text) =>
        Crm.WhatsApp.SentMessages.Any(m => m.Number.Contains(phone, StringComparison.Ordinal) && m.Text == text);
}
