using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text.RegularExpressions;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>
/// Issue 16 at a Portuguese browser: the agenda's tabs, ticking an activity off (and taking it back), the board card's
/// next activity, scheduling the next step after a move, and the agenda's quick add. Each company is made through the
/// API with the activities a workshop would have; the agenda and the board are also the README's agenda.png and
/// board-activities.png (WORKSHOPCRM_SCREENSHOTS=docs/screenshots).
/// </summary>
public sealed class ActivitiesInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    // The seeded activity types (API.md "Activities").
    private const int Call = 1;
    private const int WhatsApp = 2;
    private const int Meeting = 3;
    private const int Email = 4;
    private const int Visit = 5;

    /// <summary>The Host's Pipeline:TimeZone (its default) and the browsers' time zone (CrmInBrowser): "today" is São Paulo's.</summary>
    private static readonly TimeZoneInfo Company = TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo");

    [Fact]
    public async Task The_agenda_lists_what_is_overdue_due_today_and_due_in_the_next_7_days_under_a_heading_per_day()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var frota = await setup.LeadAsync("Transportadora Rápida Sul", "+55 11 98765-4321");
        var escola = await setup.LeadAsync("Auto Escola Direção Certa", "+55 11 3456-7890");
        var taxi = await setup.LeadAsync("Táxi Aeroporto Ltda");
        var revisao = await setup.DealAsync(frota, "Revisão de 12 caminhões", 18_500, "Proposal Sent");
        var pneus = await setup.DealAsync(escola, "Pneus para 8 carros", 6_400, "Qualified");
        var today = CompanyToday();
        var (earlier, later) = (EarlierToday(), LaterToday());
        await setup.ActivityAsync("Cobrar resposta da proposta", today.AddDays(-3), new(10, 0), dealId: revisao);
        await setup.ActivityAsync("Enviar tabela de preços", today.AddDays(-1), dealId: pneus, typeId: Email);
        await setup.ActivityAsync("Confirmar quantos caminhões vêm", today, earlier, dealId: revisao);
        if (later is { } at)
            await setup.ActivityAsync("Apresentar a proposta ao gerente", today, at, dealId: pneus, typeId: Meeting);
        await setup.ActivityAsync("Mandar fotos da oficina", today, dealId: revisao, typeId: WhatsApp);
        await setup.ActivityAsync("Visitar a garagem da auto escola", today, dealId: pneus, typeId: Visit);
        await setup.ActivityAsync("Enviar o orçamento dos pneus", today, dealId: pneus, typeId: Email);
        await setup.ActivityAsync("Reunião com o gerente de frota", today.AddDays(1), new(9, 30), dealId: revisao, typeId: Meeting);
        await setup.ActivityAsync("Retornar o orçamento de alinhamento", today.AddDays(3), leadId: taxi);
        await setup.ActivityAsync("Renovar o contrato anual", today.AddDays(10), leadId: taxi);
        var owner = await SignInInPortugueseAsync(setup);

        await owner.OpenAsync("Agenda");

        await Expect(Tab(owner, "Hoje")).ToHaveAttributeAsync("aria-selected", "true");
        string[] allDay = ["Mandar fotos da oficina", "Visitar a garagem da auto escola", "Enviar o orçamento dos pneus"];
        string[] dueToday = later is null
            ? ["Confirmar quantos caminhões vêm", .. allDay]
            : ["Confirmar quantos caminhões vêm", "Apresentar a proposta ao gerente", .. allDay];
        await ExpectDaysAsync(owner, (today, dueToday));
        await Expect(Panel(owner).Locator(".agenda-day-head")).ToHaveTextAsync(new Regex("^Hoje · "));
        await Expect(Row(owner, "Confirmar quantos caminhões vêm")).ToHaveClassAsync(new Regex(@"\bis-overdue\b"));
        await Expect(Panel(owner).Locator(".activity-row.is-overdue")).ToHaveCountAsync(1);
        var whatsApp = Panel(owner).GetByTestId("activity-whatsapp");
        await Expect(whatsApp).ToHaveCountAsync(1);
        await Expect(Row(owner, "Mandar fotos da oficina").GetByTestId("activity-whatsapp")).ToHaveAttributeAsync("href", "/whatsapp?phone=5511987654321");
        await Expect(whatsApp).ToHaveAccessibleNameAsync("WhatsApp com Transportadora Rápida Sul");
        var problems = (await QualityInTheBrowser.ViolationsAsync(owner.Page, "agenda (Hoje)")).ToList();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "agenda");

        await Tab(owner, "Atrasadas").ClickAsync();

        await Expect(owner.Page).ToHaveURLAsync(new Regex(@"/agenda\?tab=overdue$"));
        await Expect(Tab(owner, "Atrasadas")).ToHaveAttributeAsync("aria-selected", "true");
        await Expect(Tab(owner, "Atrasadas").Locator(".tab-count")).ToHaveTextAsync("2");
        await ExpectDaysAsync(owner, (today.AddDays(-3), ["Cobrar resposta da proposta"]), (today.AddDays(-1), ["Enviar tabela de preços"]));
        await Expect(Panel(owner).Locator(".activity-row.is-overdue")).ToHaveCountAsync(2);
        await Expect(Panel(owner).Locator(".agenda-day-head").Last).ToHaveTextAsync(new Regex("^Ontem · "));
        problems.AddRange(await QualityInTheBrowser.ViolationsAsync(owner.Page, "agenda (Atrasadas)"));

        await Tab(owner, "Próximos 7 dias").ClickAsync();

        await Expect(owner.Page).ToHaveURLAsync(new Regex(@"/agenda\?tab=upcoming$"));
        await ExpectDaysAsync(owner, (today.AddDays(1), ["Reunião com o gerente de frota"]), (today.AddDays(3), ["Retornar o orçamento de alinhamento"]));
        await Expect(Panel(owner).Locator(".agenda-day-head").First).ToHaveTextAsync(new Regex("^Amanhã · "));
        await Expect(Row(owner, "Reunião com o gerente de frota")).ToContainTextAsync("09:30");
        await Expect(Panel(owner).Locator(".activity-row.is-overdue")).ToHaveCountAsync(0);
        Assert.True(problems.Count == 0, string.Join('\n', problems));
    }

    [Fact]
    public async Task An_activity_ticked_off_in_Today_can_be_taken_back_from_the_toast_and_stays_done_once_the_toast_is_gone()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var lead = await setup.LeadAsync("Frota Verde Logística", "+55 21 99876-5432");
        var deal = await setup.DealAsync(lead, "Contrato de manutenção anual", 42_000, "Negotiation");
        var call = await setup.ActivityAsync("Ligar para o Sr. Antônio", CompanyToday(), dealId: deal);
        var mail = await setup.ActivityAsync("Enviar a proposta revisada", CompanyToday(), dealId: deal, typeId: Email);
        var owner = await SignInInPortugueseAsync(setup);
        await owner.OpenAsync("Agenda");
        var toast = owner.Page.GetByTestId("undo-toast");

        await TickAsync(owner, "Ligar para o Sr. Antônio");

        await Expect(Row(owner, "Ligar para o Sr. Antônio")).ToHaveCountAsync(0);
        await Expect(toast).ToContainTextAsync("Atividade concluída");
        await toast.GetByRole(AriaRole.Button, new() { Name = "Desfazer" }).ClickAsync();
        await Expect(Row(owner, "Ligar para o Sr. Antônio")).ToBeVisibleAsync();
        await Expect(toast).ToHaveCountAsync(0);
        Assert.False(await setup.IsDoneAsync(call));

        await TickAsync(owner, "Enviar a proposta revisada");

        await Expect(Row(owner, "Enviar a proposta revisada")).ToHaveCountAsync(0);
        await Expect(toast).ToContainTextAsync("Atividade concluída");
        await Expect(toast).ToHaveCountAsync(0); // its five seconds ran out
        await Expect(Row(owner, "Enviar a proposta revisada")).ToHaveCountAsync(0);
        Assert.True(await setup.IsDoneAsync(mail));
        Assert.False(await setup.IsDoneAsync(call));
    }

    [Fact]
    public async Task A_card_shows_its_next_activity_marked_when_overdue_and_an_open_deal_without_one_says_none_is_scheduled()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var today = CompanyToday();
        var alinhamento = await setup.DealAsync(await setup.LeadAsync("Táxi Aeroporto Ltda", "+55 11 96666-4321"), "Alinhamento de 6 táxis", 2_400);
        await setup.DealAsync(await setup.LeadAsync("Padaria Pão Quente", "+55 11 97777-1234"), "Troca de óleo das vans", 1_200);
        var freios = await setup.DealAsync(await setup.LeadAsync("Moto Entregas Centro", "+55 11 95432-1098"), "Freios da frota de motos", 3_100);
        var caminhoes = await setup.DealAsync(await setup.LeadAsync("Transportadora Rápida Sul", "+55 11 98765-4321"), "Revisão de 12 caminhões", 18_500, "Contacted");
        var onibus = await setup.DealAsync(await setup.LeadAsync("Viação Litoral", "+55 13 99123-4567"), "Ar-condicionado de 4 ônibus", 7_600, "Contacted");
        var pneus = await setup.DealAsync(await setup.LeadAsync("Auto Escola Direção Certa", "+55 11 3456-7890"), "Pneus para 8 carros", 6_400, "Qualified");
        await setup.DealAsync(await setup.LeadAsync("Transporte Escolar Alegria", "+55 11 94321-8765"), "Suspensão das vans escolares", 5_200, "Qualified");
        var contrato = await setup.DealAsync(await setup.LeadAsync("Frota Verde Logística", "+55 21 99876-5432"), "Contrato de manutenção anual", 42_000, "Proposal Sent");
        var empilhadeiras = await setup.DealAsync(await setup.LeadAsync("Armazém Central", "+55 11 3222-1100"), "Revisão de 20 empilhadeiras", 14_000, "Proposal Sent");
        var funilaria = await setup.DealAsync(await setup.LeadAsync("Entregas Já Express", "+55 31 98888-2222"), "Funilaria de 3 vans", 9_800, "Negotiation");
        var locadora = await setup.DealAsync(await setup.LeadAsync("Locadora Sol Nascente", "+55 41 99654-3210"), "Frota de 15 carros de aluguel", 31_000, "Negotiation");
        await setup.DealAsync(await setup.LeadAsync("Viação Escolar Sol", "+55 19 97654-3210"), "Revisão dos ônibus escolares", 15_000, "Won");
        await setup.ActivityAsync("Ligar para marcar o alinhamento", today.AddDays(1), new(9, 0), dealId: alinhamento);
        await setup.ActivityAsync("Mandar a tabela de preços", today, dealId: freios, typeId: WhatsApp);
        await setup.ActivityAsync("Cobrar resposta sobre a revisão", today.AddDays(-1), dealId: caminhoes, typeId: WhatsApp);
        await setup.ActivityAsync("Enviar o orçamento do ar-condicionado", today.AddDays(2), dealId: onibus, typeId: Email);
        await setup.ActivityAsync("Visitar a garagem da auto escola", today, dealId: pneus, typeId: Visit);
        await setup.ActivityAsync("Apresentar a proposta à diretoria", today.AddDays(3), new(10, 0), dealId: contrato, typeId: Meeting);
        await setup.ActivityAsync("Perguntar se a proposta chegou", today.AddDays(-4), new(16, 0), dealId: empilhadeiras, typeId: Call);
        await setup.ActivityAsync("Negociar o desconto", today.AddDays(-2), new(14, 0), dealId: funilaria, typeId: Call);
        await setup.ActivityAsync("Reunião de fechamento", today.AddDays(1), new(15, 0), dealId: locadora, typeId: Meeting);

        var owner = await SignInInPortugueseAsync(setup);

        var overdue = owner.Card("Revisão de 12 caminhões").GetByTestId("card-next-activity");
        await Expect(overdue).ToHaveAttributeAsync("data-overdue", "true");
        await Expect(overdue).ToHaveClassAsync(new Regex(@"\bis-overdue\b"));
        await Expect(overdue).ToContainTextAsync("Atividade atrasada: WhatsApp, Ontem");
        var coming = owner.Card("Alinhamento de 6 táxis").GetByTestId("card-next-activity");
        await Expect(coming).ToHaveAttributeAsync("data-overdue", "false");
        await Expect(coming).ToContainTextAsync("Próxima atividade: Ligação, Amanhã 09:00");
        await Expect(owner.Card("Troca de óleo das vans").GetByTestId("card-no-activity")).ToHaveTextAsync("Nenhuma atividade agendada");
        await Expect(owner.Card("Troca de óleo das vans").GetByTestId("card-next-activity")).ToHaveCountAsync(0);
        await Expect(owner.Card("Revisão dos ônibus escolares").GetByTestId("card-no-activity")).ToHaveCountAsync(0); // Won: nothing left to do
        await Expect(owner.Page.Locator(".card [data-overdue=true]")).ToHaveCountAsync(3);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Ocultar este aviso" }).ClickAsync(); // the unverified e-mail's notice, out of the picture
        await CrmInBrowser.ScreenshotAsync(owner.Page, "board-activities");
    }

    [Fact]
    public async Task After_a_card_moves_to_another_open_stage_Enter_schedules_its_next_activity_and_Escape_dismisses_the_prompt()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var lead = await setup.LeadAsync("Mecânica Rápida", "+55 11 95555-0000");
        await setup.DealAsync(lead, "Alinhamento", 120);
        await setup.DealAsync(lead, "Suspensão", 900);
        var owner = await SignInInPortugueseAsync(setup);
        var prompt = owner.Page.GetByTestId("schedule-next");
        var scheduleNext = prompt.GetByRole(AriaRole.Button, new() { Name = "Agendar próxima atividade" });

        await MoveRightWithTheKeyboardAsync(owner, "Alinhamento", "Contacted");

        await Expect(prompt).ToContainTextAsync("\"Alinhamento\": qual é o próximo passo?");
        await Expect(scheduleNext).ToBeFocusedAsync();
        await owner.Page.Keyboard.PressAsync("Enter");
        var form = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Agendar próxima atividade" });
        await Expect(form.GetByTestId("activity-about")).ToHaveTextAsync("Sobre: Alinhamento");
        await Expect(prompt).ToHaveCountAsync(0);
        await Expect(form.GetByLabel("Data")).ToHaveValueAsync(CompanyToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        await form.GetByLabel("Assunto").FillAsync("Ligar para confirmar o horário");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
        await Expect(form).ToHaveCountAsync(0);
        var badge = owner.CardIn("Contacted", "Alinhamento").GetByTestId("card-next-activity");
        await Expect(badge).ToContainTextAsync("Próxima atividade: Ligação, Hoje");
        await Expect(badge).ToHaveAttributeAsync("data-overdue", "false");

        await MoveRightWithTheKeyboardAsync(owner, "Suspensão", "Contacted");

        await Expect(prompt).ToContainTextAsync("\"Suspensão\"");
        await Expect(scheduleNext).ToBeFocusedAsync();
        await owner.Page.Keyboard.PressAsync("Escape");
        await Expect(prompt).ToHaveCountAsync(0);
        await Expect(owner.Dialog).ToHaveCountAsync(0);
        await Expect(owner.CardIn("Contacted", "Suspensão").GetByTestId("card-no-activity")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task On_the_agenda_n_opens_a_new_activity_whose_blank_subject_is_refused_in_Portuguese()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        await setup.LeadAsync("Oficina do João", "+55 11 94444-1111");
        var owner = await SignInInPortugueseAsync(setup);
        await owner.OpenAsync("Agenda");
        await Expect(Panel(owner)).ToContainTextAsync("Nada agendado para hoje.");

        await owner.Page.Keyboard.PressAsync("n");

        var form = owner.Page.GetByRole(AriaRole.Dialog, new() { Name = "Nova atividade" });
        var subject = form.GetByLabel("Assunto");
        await Expect(subject).ToBeFocusedAsync();
        await PickLeadAsync(form, "Oficina do João");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();
        await Expect(subject).ToHaveAttributeAsync("aria-invalid", "true");
        await Expect(form.Locator(".field-invalid .field-error")).ToHaveTextAsync("Obrigatório.");
        var problems = (await QualityInTheBrowser.ViolationsAsync(owner.Page, "new activity form")).ToList();
        Assert.True(problems.Count == 0, string.Join('\n', problems));

        await subject.FillAsync("Ligar para o João");
        await form.GetByRole(AriaRole.Button, new() { Name = "Salvar", Exact = true }).ClickAsync();

        await Expect(form).ToHaveCountAsync(0);
        await Expect(Row(owner, "Ligar para o João")).ToContainTextAsync("Oficina do João");
    }

    // ------------------------------------------------------------------ helpers

    /// <summary>Signs the API-made company's owner in at a Portuguese browser (pt-BR labels), landing on the board.</summary>
    private async Task<UserInBrowser> SignInInPortugueseAsync(ApiSetup setup, [CallerMemberName] string test = "")
    {
        var user = Track(await UserInBrowser.AtNewBrowserAsync(Crm, setup.Email, setup.Password, locale: "pt-BR"), test);
        await user.Page.GotoAsync("/sign-in");
        await user.Page.GetByLabel("E-mail").FillAsync(user.Email);
        await user.Page.GetByLabel("Senha", new() { Exact = true }).FillAsync(user.Password);
        await user.Page.GetByRole(AriaRole.Button, new() { Name = "Entrar" }).ClickAsync();
        await user.Columns.First.WaitForAsync();
        return user;
    }

    private static DateTime CompanyNow() => TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, Company).DateTime;

    private static DateOnly CompanyToday() => DateOnly.FromDateTime(CompanyNow());

    /// <summary>A time of today already past on the company's clock (an hour ago, on the half hour), so overdue today.</summary>
    private static TimeOnly EarlierToday()
    {
        var now = TimeOnly.FromDateTime(CompanyNow());
        return now.Hour >= 1 ? new TimeOnly(now.Hour - 1, now.Minute >= 30 ? 30 : 0) : TimeOnly.MinValue;
    }

    /// <summary>A time of today still ahead (two hours on, on the hour), or none this late in the day.</summary>
    private static TimeOnly? LaterToday()
    {
        var now = TimeOnly.FromDateTime(CompanyNow());
        return now.Hour <= 21 ? new TimeOnly(now.Hour + 2, 0) : null;
    }

    private static ILocator Tab(UserInBrowser user, string name) =>
        user.Page.GetByRole(AriaRole.Tablist, new() { Name = "Atividades por período" }).GetByRole(AriaRole.Tab, new() { Name = name });

    private static ILocator Panel(UserInBrowser user) => user.Page.GetByRole(AriaRole.Tabpanel);

    private static ILocator Row(UserInBrowser user, string subject) =>
        Panel(user).GetByTestId("activity-row").Filter(new() { Has = user.Page.Locator(".activity-subject", new() { HasTextRegex = new Regex("^" + Regex.Escape(subject) + "$") }) });

    /// <summary>The open tab shows these days, in this order, each heading exactly these activities.</summary>
    private static async Task ExpectDaysAsync(UserInBrowser user, params (DateOnly Day, string[] Subjects)[] days)
    {
        var sections = Panel(user).Locator(".agenda-day");
        await Expect(sections).ToHaveCountAsync(days.Length);
        for (var i = 0; i < days.Length; i++)
        {
            await Expect(sections.Nth(i)).ToHaveAttributeAsync("data-day", days[i].Day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
            await Expect(sections.Nth(i).Locator(".activity-subject")).ToHaveTextAsync(days[i].Subjects);
        }
    }

    /// <summary>
    /// Ticks an activity off (a click: the row leaves at once, so there is nothing left to check), then moves the
    /// pointer away, as the undo toast stops its clock while the pointer is on it.
    /// </summary>
    private static async Task TickAsync(UserInBrowser user, string subject)
    {
        await Panel(user).GetByRole(AriaRole.Checkbox, new() { Name = "Concluída: " + subject, Exact = true }).ClickAsync();
        await user.Page.Mouse.MoveAsync(1, 1);
    }

    /// <summary>Moves a card one column to the right with its move handle (Space, Arrow right, Space), as PipelineInTheBrowser does.</summary>
    private static async Task MoveRightWithTheKeyboardAsync(UserInBrowser user, string title, string toStage)
    {
        await user.PickUpWithTheKeyboardAsync(title);
        await user.Page.Keyboard.PressAsync("ArrowRight");
        await Expect(user.Column(toStage)).ToHaveClassAsync(new Regex(@"\bover\b"));
        await user.MoveSavedAsync(() => user.Page.Keyboard.PressAsync("Space"));
        await Expect(user.CardIn(toStage, title)).ToBeVisibleAsync();
    }

    /// <summary>In the activity form: the lead picked from the list by name.</summary>
    private static async Task PickLeadAsync(ILocator form, string lead)
    {
        var select = form.GetByLabel("Lead", new() { Exact = true });
        var option = select.Locator("option", new() { HasText = lead }).First;
        await option.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        await select.SelectOptionAsync((await option.GetAttributeAsync("value"))!);
    }
}
