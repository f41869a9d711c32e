using System.Runtime.CompilerServices;

namespace WorkshopCrm.E2E;

/// <summary>
/// What every browser test shares: people signed up or in through the UI, their browser profiles closed at the end,
/// and no uncaught script error on any of their pages. With WORKSHOPCRM_E2E_ARTIFACTS set, each page's last state is
/// saved there as a screenshot (what CI keeps to explain a failure).
/// </summary>
[Collection(SharedBrowser.Name)]
public abstract class BrowserTest(CrmInBrowser crm) : IAsyncLifetime
{
    private readonly List<(UserInBrowser User, string Test)> _users = [];

    protected CrmInBrowser Crm { get; } = crm;

    // Each person is tracked before acting, so a step that fails still leaves its screenshot and API log behind.
    /// <summary>A new company's owner on its board (signed up by the sign-up request, not the form: <see cref="UserInBrowser.SignUpQuicklyAsync"/>).</summary>
    protected async Task<UserInBrowser> SignUpAsync(string locale = "en-US", [CallerMemberName] string test = "")
    {
        var user = Track(await UserInBrowser.AtNewBrowserAsync(Crm, UserInBrowser.Unique("owner"), locale: locale), test);
        await user.SignUpQuicklyAsync();
        return user;
    }

    /// <summary>The same, through the sign-up form as a new user walks it (for the tests about signing up).</summary>
    protected async Task<UserInBrowser> SignUpThroughTheFormAsync(string locale = "en-US", [CallerMemberName] string test = "")
    {
        var user = Track(await UserInBrowser.AtNewBrowserAsync(Crm, UserInBrowser.Unique("owner"), locale: locale), test);
        await user.SignUpAsync();
        return user;
    }

    protected async Task<UserInBrowser> SignInAsync(string email, string password, [CallerMemberName] string test = "")
    {
        var user = Track(await UserInBrowser.AtNewBrowserAsync(Crm, email, password), test);
        await user.SignInAsync();
        return user;
    }

    protected async Task<UserInBrowser> GuestAsync(string email, [CallerMemberName] string test = "") =>
        Track(await UserInBrowser.AtNewBrowserAsync(Crm, email), test);

    /// <summary>
    /// The whole hiring path through the UI: the owner verifies its e-mail from the mailed link, invites on Team, and
    /// the salesperson accepts from the invitation e-mail in a browser of its own, landing on its board.
    /// </summary>
    protected async Task<UserInBrowser> HireSalespersonAsync(UserInBrowser owner, string name, [CallerMemberName] string test = "")
    {
        await VerifyEmailAsync(owner);
        var email = UserInBrowser.Unique("vendedor");
        await InviteAsync(owner, email);
        await Assertions.Expect(Invitation(owner, email)).ToContainTextAsync("Pending");

        var seller = await GuestAsync(email, test);
        await seller.FollowMailedLinkAsync("/invite/");
        await Assertions.Expect(seller.Page.GetByText(email)).ToBeVisibleAsync();
        await Assertions.Expect(seller.Page.GetByRole(AriaRole.Heading)).ToContainTextAsync("Join");
        await seller.Page.GetByLabel("Your name").FillAsync(name);
        await seller.Page.GetByLabel("Password", new() { Exact = true }).FillAsync(UserInBrowser.DefaultPassword);
        await seller.Page.GetByRole(AriaRole.Button, new() { Name = "Join the team" }).ClickAsync();
        await seller.Columns.First.WaitForAsync();
        return seller;
    }

    /// <summary>The owner opens the verification link of its sign-up e-mail (inviting needs a verified e-mail), then Team.</summary>
    protected static async Task VerifyEmailAsync(UserInBrowser owner)
    {
        await owner.FollowMailedLinkAsync("/verify-email");
        await Assertions.Expect(owner.Page.GetByText("Your e-mail is verified.")).ToBeVisibleAsync();
        await owner.Page.GotoAsync("/team");
    }

    /// <summary>On Team: invites <paramref name="email"/>.</summary>
    protected static async Task InviteAsync(UserInBrowser owner, string email)
    {
        await owner.Page.GetByLabel("E-mail to invite").FillAsync(email);
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Invite", Exact = true }).ClickAsync();
    }

    /// <summary>
    /// The sign-in page's URL, for <c>Expect(page).ToHaveURLAsync</c>, which polls the URL. (WaitForURLAsync waits for a
    /// navigation event, and misses a client-side redirect that landed while the previous step was still returning.)
    /// </summary>
    protected static System.Text.RegularExpressions.Regex SignInUrl() => new("/sign-in$");

    protected static ILocator Invitation(UserInBrowser owner, string email) =>
        owner.Page.GetByRole(AriaRole.Region, new() { Name = "Invitations" }).GetByRole(AriaRole.Row).Filter(new() { HasText = email });

    protected static ILocator TeamMember(UserInBrowser owner, string name) =>
        owner.Page.GetByRole(AriaRole.Region, new() { Name = "Users" }).GetByRole(AriaRole.Row).Filter(new() { HasText = name });

    protected UserInBrowser Track(UserInBrowser user, [CallerMemberName] string test = "")
    {
        _users.Add((user, test));
        return user;
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        var artifacts = Environment.GetEnvironmentVariable("WORKSHOPCRM_E2E_ARTIFACTS");
        var errors = new List<string>();
        for (var i = 0; i < _users.Count; i++)
        {
            var (user, test) = _users[i];
            errors.AddRange(Crm.ErrorsOf(user.Page));
            if (!string.IsNullOrEmpty(artifacts))
            {
                Directory.CreateDirectory(artifacts);
                var name = Path.Combine(artifacts, $"{GetType().Name}.{test}.{i}");
                await user.Page.ScreenshotAsync(new() { Path = name + ".png", FullPage = true });
                await File.WriteAllLinesAsync(name + ".api.log", Crm.ApiCallsOf(user.Page));
            }

            await user.Page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
