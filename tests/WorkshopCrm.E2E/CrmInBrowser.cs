using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using EvolutionSimulator;
using MimeKit;

namespace WorkshopCrm.E2E;

/// <summary>
/// All browser tests share one CrmInBrowser (Host, database, SMTP capture, simulator, Chromium). Two halves side by side,
/// each with its own, were tried (2026-11-27): on two cores the second Host, demo seed and browser cost more than the
/// overlap saved (9.6 min for the whole run against 8.5), the machine being CPU-bound while they run.
/// </summary>
[CollectionDefinition(Name)]
public sealed class SharedBrowser : ICollectionFixture<CrmInBrowser>
{
    public const string Name = "browser";
}

/// <summary>
/// What a user's browser talks to: the real Host process serving the built SPA (src/Host/wwwroot) on a free port,
/// its own PostgreSQL database, an SMTP server that keeps every e-mail, and the Evolution API v2 simulator; and
/// Debian's headless Chromium driven by Playwright (never a downloaded browser). One for all E2E tests; each test
/// signs up a company of its own, so tenants keep the tests apart.
/// </summary>
public sealed class CrmInBrowser : IAsyncLifetime
{
    public const string EvolutionApiKey = "e2e-evolution-global-key";
    public const string DemoOwner = "dono@demo.workshopcrm.local";
    public const string DemoSalesperson = "vendas@demo.workshopcrm.local";
    public const string DemoPassword = "demo-password-2026";
    private const string CspViolation = "CSP violation:";

    /// <summary>
    /// Debian's headless shell: Chromium's Blink and V8 without the full browser around them (what Playwright's own
    /// headless runs use). The browser tests took about a quarter less CPU with it than with /usr/bin/chromium (ADR 0014).
    /// </summary>
    private const string HeadlessShell = "/usr/lib/chromium/chromium-headless-shell";

    /// <summary>
    /// How long a step may wait for what it expects (a passing step waits only as long as it takes): 30 s rather than
    /// Playwright's usual 15, as a margin for a two-core machine that is also running the other test projects.
    /// </summary>
    private const float BrowserTimeoutMs = 30_000;
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _pageErrors = new();
    private readonly ConcurrentDictionary<IPage, ConcurrentQueue<string>> _apiCalls = new();
    private IPlaywright _playwright = null!;

    public HostProcess Host { get; private set; } = null!;
    public SmtpCapture Smtp { get; } = new();
    public RunningSimulator WhatsApp { get; private set; } = null!;
    public IBrowser Browser { get; private set; } = null!;
    public string BaseUrl => Host.BaseAddress.ToString().TrimEnd('/');

    /// <summary>The API calls a page made and their statuses, oldest first (kept with its screenshot on failure).</summary>
    public IReadOnlyCollection<string> ApiCallsOf(IPage page) => _apiCalls.TryGetValue(page, out var calls) ? calls.ToArray() : [];

    /// <summary>Takes the errors noted so far for <paramref name="page"/> (a test that provokes one on purpose).</summary>
    public IReadOnlyList<string> TakeErrorsOf(IPage page)
    {
        var taken = new List<string>();
        if (_pageErrors.TryGetValue(page, out var errors))
        {
            while (errors.TryDequeue(out var error))
                taken.Add(error);
        }

        return taken;
    }

    /// <summary>The uncaught script errors of a page opened by <see cref="NewPageAsync"/>.</summary>
    public IReadOnlyCollection<string> ErrorsOf(IPage page) => _pageErrors.TryGetValue(page, out var errors) ? errors.ToArray() : [];

    public async Task InitializeAsync()
    {
        var webRoot = Path.Combine(RepositoryRoot(), "src", "Host", "wwwroot");
        if (!File.Exists(Path.Combine(webRoot, "index.html")))
            throw new InvalidOperationException($"The SPA is not built ({webRoot}/index.html is missing): run `npm run build` in src/Web, or scripts/test.sh which does.");
        var chromium = Environment.GetEnvironmentVariable("WORKSHOPCRM_CHROMIUM") ?? HeadlessShell;
        if (!File.Exists(chromium))
            throw new InvalidOperationException(
                $"No Chromium at {chromium}: install Debian's `chromium-headless-shell` package (scripts/test.sh does) or set WORKSHOPCRM_CHROMIUM (e.g. /usr/bin/chromium).");

        var database = await TestPostgres.CreateMigratedDatabaseAsync("e2e");
        WhatsApp = await Simulator.StartAsync(EvolutionApiKey);
        var port = HostProcess.FreePort();
        var environment = new Dictionary<string, string>(TestPostgres.HostDatabase(database, "__"))
        {
            ["ASPNETCORE_WEBROOT"] = webRoot,
            ["App__PublicUrl"] = $"http://127.0.0.1:{port}",
            ["Smtp__Host"] = "127.0.0.1",
            ["Smtp__Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp__Security"] = "None",
            ["EvolutionApi__BaseUrl"] = WhatsApp.BaseAddress.ToString(),
            ["EvolutionApi__ApiKey"] = EvolutionApiKey,
            ["Outbox__PollInterval"] = "00:00:00.250",
            // An import of a few thousand rows is several batches, so its progress bar is seen moving; a run starts at once.
            ["Pipeline__ImportBatchSize"] = "500",
            ["Pipeline__ImportPollInterval"] = "00:00:00.250",
            ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
            ["RateLimits__Auth__PerEmailPermitLimit"] = "100000",
            // Each request and each refused token in host.log (kept with the screenshots under WORKSHOPCRM_E2E_ARTIFACTS).
            ["Logging__LogLevel__Microsoft.AspNetCore.Hosting.Diagnostics"] = "Information",
            ["Logging__LogLevel__Microsoft.AspNetCore.Authentication"] = "Information",
        };
        // The README's demo company, as `scripts/run.sh seed-demo` makes it: what the demo tour and screenshots show.
        var (seeded, seedOutput) = await HostProcess.RunVerbAsync(environment, "seed-demo");
        if (seeded != 0)
            throw new InvalidOperationException($"seed-demo exited with {seeded}:\n{seedOutput}");
        Host = await HostProcess.StartAsync(environment, port);
        // The first page of the first test should not pay for the Host's cold start (JIT, EF models, first connections).
        using (var warmUp = new HttpClient { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(60) })
        {
            (await warmUp.GetAsync("/")).EnsureSuccessStatusCode();
            await warmUp.PostAsync("/api/auth/refresh", null);
            await warmUp.PostAsJsonAsync("/api/auth/login", new { email = DemoOwner, password = DemoPassword });
        }


        Assertions.SetDefaultExpectTimeout(BrowserTimeoutMs);
        _playwright = await Playwright.CreateAsync();
        Browser = await _playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
    }

    /// <summary>A fresh browser profile (its own cookies and storage), like another person's computer.</summary>
    public async Task<IPage> NewPageAsync(string locale = "en-US", int width = 1280, int height = 800)
    {
        var context = await Browser.NewContextAsync(new()
        {
            BaseURL = BaseUrl,
            Locale = locale,
            ViewportSize = new() { Width = width, Height = height },
            TimezoneId = "America/Sao_Paulo",
            Permissions = ["clipboard-read", "clipboard-write"],
        });
        context.SetDefaultTimeout(BrowserTimeoutMs);
        // A page that breaks the Content-Security-Policy says so on the console; BrowserTest fails the test on it.
        await context.AddInitScriptAsync(
            "window.addEventListener('securitypolicyviolation', e => console.error('" + CspViolation + " ' + e.violatedDirective + ' ' + e.blockedURI));");
        var page = await context.NewPageAsync();
        var errors = _pageErrors.GetOrAdd(page, _ => new());
        page.PageError += (_, error) => errors.Enqueue($"{page.Url}: {error}");
        page.Console += (_, message) =>
        {
            if (message.Text.StartsWith(CspViolation, StringComparison.Ordinal))
                errors.Enqueue($"{page.Url}: {message.Text}");
        };
        var calls = _apiCalls.GetOrAdd(page, _ => new());
        page.Response += (_, response) =>
        {
            if (response.Url.Contains("/api/", StringComparison.Ordinal))
                calls.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {response.Request.Method} {response.Url.Replace(BaseUrl, "", StringComparison.Ordinal)} {response.Status}");
        };
        return page;
    }

    /// <summary>
    /// The link (starting with <paramref name="path"/> on this Host) of the first e-mail to <paramref name="to"/> after
    /// the first <paramref name="skip"/> ones, waiting for it to arrive.
    /// </summary>
    public async Task<string> LinkInMailAsync(string to, string path, int skip = 0)
    {
        var mail = await Eventually.ValueAsync(() => Smtp.MessagesTo(to).Skip(skip).FirstOrDefault(m => LinkIn(m, path) is not null), $"an e-mail to {to} with a {path} link");
        return LinkIn(mail, path)!;
    }

    /// <summary>Saves a screenshot under WORKSHOPCRM_SCREENSHOTS (docs/screenshots when refreshing the README's).</summary>
    public static async Task ScreenshotAsync(IPage page, string name)
    {
        var folder = Environment.GetEnvironmentVariable("WORKSHOPCRM_SCREENSHOTS");
        if (string.IsNullOrEmpty(folder))
            return;
        Directory.CreateDirectory(folder);
        await page.ScreenshotAsync(new() { Path = Path.Combine(folder, name + ".png") });
    }

    public async Task DisposeAsync()
    {
        if (Browser is not null)
            await Browser.CloseAsync();
        _playwright?.Dispose();
        if (Host is not null)
        {
            var artifacts = Environment.GetEnvironmentVariable("WORKSHOPCRM_E2E_ARTIFACTS");
            if (!string.IsNullOrEmpty(artifacts))
            {
                Directory.CreateDirectory(artifacts);
                await File.WriteAllTextAsync(Path.Combine(artifacts, "host.log"), Host.Output);
            }

            await Host.DisposeAsync();
        }
        if (WhatsApp is not null)
            await WhatsApp.DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private string? LinkIn(MimeMessage mail, string path)
    {
        var text = mail.TextBody ?? mail.HtmlBody ?? "";
        var match = Regex.Match(text, Regex.Escape(BaseUrl + path) + @"[^\s""'<>]*");
        return match.Success ? System.Net.WebUtility.HtmlDecode(match.Value) : null;
    }

    private static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "WorkshopCrm.sln")))
                return dir.FullName;
        }

        throw new InvalidOperationException("WorkshopCrm.sln not found above " + AppContext.BaseDirectory);
    }
}
