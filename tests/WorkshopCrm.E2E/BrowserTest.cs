using System.Runtime.CompilerServices;

namespace WorkshopCrm.E2E;

/// <summary>
/// What every browser test shares: people signed up or in through the UI, their browser profiles closed at the end,
/// and no uncaught script error on any of their pages. With WORKSHOPCRM_E2E_ARTIFACTS set, each page's last state is
/// saved there as a screenshot (what CI keeps to explain a failure).
/// </summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(CrmInBrowser crm) : IAsyncLifetime
{
    private readonly List<(UserInBrowser User, string Test)> _users = [];

    protected CrmInBrowser Crm { get; } = crm;

    protected async Task<UserInBrowser> SignUpAsync(string locale = "en-US", [CallerMemberName] string test = "") =>
        Track(await UserInBrowser.SignUpAsync(Crm, locale: locale), test);

    protected async Task<UserInBrowser> SignInAsync(string email, string password, [CallerMemberName] string test = "") =>
        Track(await UserInBrowser.SignInAsync(Crm, email, password), test);

    protected async Task<UserInBrowser> GuestAsync(string email, [CallerMemberName] string test = "") =>
        Track(new UserInBrowser(Crm, await Crm.NewPageAsync(), email, UserInBrowser.DefaultPassword), test);

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
                await user.Page.ScreenshotAsync(new() { Path = Path.Combine(artifacts, $"{GetType().Name}.{test}.{i}.png"), FullPage = true });
            }

            await user.Page.Context.CloseAsync();
        }

        Assert.Empty(errors);
    }
}
