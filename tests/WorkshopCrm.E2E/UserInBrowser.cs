using System.Text.RegularExpressions;

namespace WorkshopCrm.E2E;

/// <summary>
/// One person at one browser, doing what a user does on the SPA's screens (English labels: pages open with locale
/// en-US unless a test asks otherwise). Every step goes through the UI; none calls the API behind its back, but one:
/// <see cref="SignUpQuicklyAsync"/>, the sign-up request itself sent from this browser profile, for the many tests that
/// only need a company to start from (the form is walked by <see cref="SignUpAsync"/> in the tests about it).
/// </summary>
public sealed class UserInBrowser(CrmInBrowser crm, IPage page, string email, string password, string locale = "en-US")
{
    public const string DefaultPassword = "e2e correct horse battery";

    public IPage Page { get; } = page;
    public string Email { get; } = email;
    public string Password { get; } = password;

    /// <summary>Someone at a fresh browser profile, not signed in yet (sign up, sign in or follow a link next).</summary>
    public static async Task<UserInBrowser> AtNewBrowserAsync(CrmInBrowser crm, string email, string password = DefaultPassword, string locale = "en-US") =>
        new(crm, await crm.NewPageAsync(locale), email, password, locale);

    /// <summary>Signs a new company up: the app sends a stranger to sign in, the link leads to sign-up, then the board.</summary>
    public async Task SignUpAsync(string? company = null, string name = "Maria Souza")
    {
        await Page.GotoAsync("/");
        await Assertions.Expect(Page).ToHaveURLAsync(new Regex("/sign-in$"));
        await Page.GetByRole(AriaRole.Link, new() { Name = "Create account" }).ClickAsync();
        await Page.GetByLabel("Company name").FillAsync(company ?? "Oficina " + Guid.NewGuid().ToString("N")[..6]);
        await Page.GetByLabel("Your name").FillAsync(name);
        await Page.GetByLabel("E-mail").FillAsync(Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Create account" }).ClickAsync();
        await Columns.First.WaitForAsync();
    }

    /// <summary>
    /// Signs a new company up without the form: the form's own request (<c>POST /api/auth/register</c>, in this
    /// profile's language) sent from this browser profile, whose cookie jar keeps the session's refresh cookie as the
    /// form's request would; then the app opens on the board. A UI sign-up renders two more screens and fills four
    /// fields, about a CPU-second more for each of the ~40 tests that only need a company (docs/operations/testing.md).
    /// </summary>
    public async Task SignUpQuicklyAsync(string? company = null, string name = "Maria Souza")
    {
        var response = await Page.Context.APIRequest.PostAsync("/api/auth/register", new()
        {
            DataObject = new { companyName = company ?? "Oficina " + Guid.NewGuid().ToString("N")[..6], name, email = Email, password = Password },
            Headers = new Dictionary<string, string> { ["Accept-Language"] = locale },
        });
        if (response.Status != 201)
            throw new InvalidOperationException($"Sign-up failed: {response.Status} {await response.TextAsync()}");
        await Page.GotoAsync("/");
        await Columns.First.WaitForAsync();
    }

    /// <summary>Signs in from the sign-in screen and lands on the board.</summary>
    public async Task SignInAsync()
    {
        await Page.GotoAsync("/sign-in");
        await SubmitSignInAsync();
        await Columns.First.WaitForAsync();
    }

    /// <summary>On the sign-in screen already open: this user's e-mail, the password (its own unless given), submit.</summary>
    public async Task SubmitSignInAsync(string? password = null)
    {
        await Page.GetByLabel("E-mail").FillAsync(Email);
        await Page.GetByLabel("Password", new() { Exact = true }).FillAsync(password ?? Password);
        await Page.GetByRole(AriaRole.Button, new() { Name = "Sign in" }).ClickAsync();
    }

    public static string Unique(string who) => $"{who}.{Guid.NewGuid():N}@example.com";

    // ------------------------------------------------------------------ navigation

    public async Task OpenAsync(string navLink)
    {
        await Page.GetByRole(AriaRole.Navigation).GetByRole(AriaRole.Link, new() { Name = navLink, Exact = true }).ClickAsync();
        await Page.GetByRole(AriaRole.Heading, new() { Level = 1 }).First.WaitForAsync();
    }

    /// <summary>Opens the link an e-mail to this user carried (verification, reset, invitation).</summary>
    public async Task FollowMailedLinkAsync(string path)
    {
        var link = await crm.LinkInMailAsync(Email, path);
        await Page.GotoAsync(link);
    }

    // ------------------------------------------------------------------ leads

    public async Task CreateLeadAsync(string name, string email, string? phone = null)
    {
        await OpenLeadFormAsync(name, email, phone);
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
    }

    /// <summary>Fills and submits the new-lead form, leaving the dialog as the server's answer left it.</summary>
    public async Task OpenLeadFormAsync(string name, string email, string? phone = null)
    {
        if (!Page.Url.EndsWith("/leads", StringComparison.Ordinal))
            await OpenAsync("Leads");
        await Page.GetByRole(AriaRole.Button, new() { Name = "New lead" }).ClickAsync();
        await Dialog.GetByLabel("Name").FillAsync(name);
        await Dialog.GetByLabel("E-mail").FillAsync(email);
        if (phone is not null)
            await Dialog.GetByLabel("Phone").FillAsync(phone);
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Save", Exact = true }).ClickAsync();
    }

    // ------------------------------------------------------------------ board

    public ILocator Dialog => Page.GetByRole(AriaRole.Dialog);
    public ILocator Columns => Page.Locator(".column");
    public ILocator Column(string stage) => Page.Locator($".column[data-stage=\"{stage}\"]");
    public ILocator Card(string title) => Page.Locator(".column .card", new() { Has = Page.Locator(".card-title", new() { HasTextRegex = new Regex("^" + Regex.Escape(title) + "$") }) });
    public ILocator CardIn(string stage, string title) => Column(stage).Locator(".card", new() { Has = Page.Locator(".card-title", new() { HasText = title }) });

    /// <summary>
    /// Picks a card up with its move handle (Space), as a keyboard user does, and waits until the board takes arrows:
    /// dnd-kit measures the cards and columns once a drag has started, and its first collision check then says in its
    /// live region that the card is over its own place. An arrow pressed before that can be lost (it was once, on a
    /// loaded machine, 2026-11-29).
    /// </summary>
    public async Task PickUpWithTheKeyboardAsync(string title)
    {
        await Card(title).GetByTestId("move-handle").FocusAsync();
        await Page.Keyboard.PressAsync("Space");
        await Assertions.Expect(Card(title)).ToHaveClassAsync(new Regex(@"\bdragging\b"));
        await Assertions.Expect(Page.Locator("[id^='DndLiveRegion']")).ToContainTextAsync("was moved over droppable area");
    }

    public async Task<int> CountAsync(string stage) =>
        int.Parse(await Column(stage).Locator(".column-count").InnerTextAsync(), System.Globalization.CultureInfo.InvariantCulture);

    public Task<string> TotalAsync(string stage) => Column(stage).Locator(".column-total").InnerTextAsync();

    public async Task OpenBoardAsync()
    {
        await OpenAsync("Board");
        await Columns.First.WaitForAsync();
    }

    /// <summary>Quick-adds a deal from the board's toolbar for a lead picked by name.</summary>
    public async Task QuickAddDealAsync(string lead, string title, string value, string? owner = null)
    {
        await Page.Locator(".toolbar button.primary").ClickAsync();
        var leadSelect = Dialog.GetByLabel("Lead", new() { Exact = true });
        await leadSelect.Locator("option", new() { HasText = lead }).First.WaitForAsync(new() { State = WaitForSelectorState.Attached });
        var option = await leadSelect.Locator("option", new() { HasText = lead }).First.GetAttributeAsync("value");
        await leadSelect.SelectOptionAsync(option!);
        await Dialog.GetByLabel("Title").FillAsync(title);
        await Dialog.GetByLabel("Value (R$)").FillAsync(value);
        if (owner is not null)
            await Dialog.GetByLabel("Owner").SelectOptionAsync(new SelectOptionValue { Label = owner });
        await Dialog.GetByRole(AriaRole.Button, new() { Name = "Create deal" }).ClickAsync();
        await Dialog.WaitForAsync(new() { State = WaitForSelectorState.Detached });
        await Card(title).WaitForAsync();
    }

    /// <summary>Creates a lead on the Leads screen, then a deal for it from the board (which stays open).</summary>
    public async Task NewLeadWithADealAsync(string lead, string title, string value, string? phone = null)
    {
        await CreateLeadAsync(lead, Unique("lead"), phone);
        await OpenBoardAsync();
        await QuickAddDealAsync(lead, title, value);
    }

    /// <summary>Drags a card with the mouse (pointer down, moves in steps, drop near the target column's bottom).</summary>
    public async Task DragAsync(string title, string toStage)
    {
        // A card still finishing its previous drop (animating back, opacity 0) cannot be picked up yet.
        await Assertions.Expect(Card(title)).ToHaveCSSAsync("opacity", "1");
        var from = await Card(title).BoundingBoxAsync() ?? throw new InvalidOperationException($"No card {title}");
        var to = await Column(toStage).Locator(".column-cards").BoundingBoxAsync() ?? throw new InvalidOperationException($"No column {toStage}");
        await Page.Mouse.MoveAsync(from.X + 20, from.Y + from.Height - 8);
        await Page.Mouse.DownAsync();
        await Page.Mouse.MoveAsync(from.X + 40, from.Y + 30, new() { Steps = 5 });
        await Page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height - 5, new() { Steps = 15 });
        await Page.Mouse.UpAsync();
        // The dropped card flies to its place; until it lands dnd-kit swallows clicks (a click right after a drop is
        // the drop's own), so wait for the flying copy to go, as a person's eyes would.
        await Assertions.Expect(Page.Locator(".card.overlay")).ToHaveCountAsync(0);
    }

    /// <summary>Does <paramref name="action"/> and waits for the move it makes to be answered by the server.</summary>
    public Task MoveSavedAsync(Func<Task> action) =>
        Page.RunAndWaitForResponseAsync(action, r => r.Request.Method == "POST" && r.Url.EndsWith("/move", StringComparison.Ordinal));

    /// <summary>Waits until the column header shows <paramref name="count"/> deals.</summary>
    public Task WaitForCountAsync(string stage, int count) =>
        Assertions.Expect(Column(stage).Locator(".column-count")).ToHaveTextAsync(count.ToString(System.Globalization.CultureInfo.InvariantCulture));
}
