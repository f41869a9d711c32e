using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// Issue 20: two real Host processes on one database keep the promises one keeps. Most tests share A (straight to
/// PostgreSQL) and B (through pgbouncer in transaction mode); the digest and the forwarded-header tests start their own.
/// </summary>
public sealed partial class SeveralInstances(TwoInstances instances) : IClassFixture<TwoInstances>
{
    [Fact]
    public async Task A_sign_in_ended_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var email = Given.UniqueEmail();
        Assert.Equal(HttpStatusCode.Created, (await instances.OnA.PostAsJsonAsync("/api/auth/register", new { companyName = "Duas", name = "Ana", email, password = Given.GoodPassword })).StatusCode);
        var laptop = await SignInAsync(instances.OnA, email);
        var phone = await SignInAsync(instances.OnA, email);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(instances.OnB, laptop)); // B now holds "the laptop's sign-in stands" for a minute

        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = Given.GoodPassword, newPassword = "another horse battery staple" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", phone);
        Assert.Equal(HttpStatusCode.NoContent, (await instances.OnA.SendAsync(change)).StatusCode); // ends every other sign-in, the laptop's too

        await Eventually.TrueAsync(async () => await MeAsync(instances.OnB, laptop) == HttpStatusCode.Unauthorized,
            "instance B to refuse the laptop's token", TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(instances.OnB, phone));
    }

    [Fact]
    public async Task A_salesperson_deactivated_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var owner = await Given.ACompanyAsync(instances.OnA);
        await instances.ScalarAsync($"UPDATE identity.users SET email_verified_at = now() WHERE id = {owner.UserId} RETURNING id"); // owners invite once verified
        var sellerEmail = Given.UniqueEmail("seller");
        Assert.Equal(HttpStatusCode.Created, (await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = sellerEmail })).StatusCode);
        var invitation = await instances.Smtp.WaitForMessageToAsync(sellerEmail, m => InvitationLink().IsMatch(m.TextBody ?? ""));
        var link = InvitationLink().Match(invitation.TextBody!).Value;
        var accepted = await instances.OnB.PostAsJsonAsync($"/api/invitations/by-token/{link[(link.LastIndexOf('/') + 1)..]}/accept",
            new { name = "Sam Vendas", password = Given.GoodPassword });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        var seller = (await accepted.Content.ReadFromJsonAsync<TokensBody>())!;
        Assert.Equal(HttpStatusCode.OK, await MeAsync(instances.OnB, seller.AccessToken)); // B now holds "the seller's sign-in stands" for a minute

        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.User.Id}/deactivate", new { })).StatusCode);

        await Eventually.TrueAsync(async () => await MeAsync(instances.OnB, seller.AccessToken) == HttpStatusCode.Unauthorized,
            "instance B to refuse the deactivated seller's token", TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(instances.OnB, owner.AccessToken));
    }

    [Fact]
    public async Task The_per_account_sign_in_limit_holds_across_instances()
    {
        var email = Given.UniqueEmail();
        Assert.Equal(HttpStatusCode.Created, (await instances.OnA.PostAsJsonAsync("/api/auth/register", new { companyName = "Limite", name = "Ana", email, password = Given.GoodPassword })).StatusCode);

        // Twelve wrong passwords, alternating between the instances: each instance alone saw six, under its limit of ten.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
            answers.Add(await (i % 2 == 0 ? instances.OnA : instances.OnB).PostAsJsonAsync("/api/auth/login", new { email, password = $"wrong password {i}", rememberMe = false }));

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Skip(10), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 says when to try again");
        // the right password is refused too while the account is locked, on either instance
        var right = await instances.OnB.PostAsJsonAsync("/api/auth/login", new { email, password = Given.GoodPassword, rememberMe = false });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
    }

    [Fact]
    public async Task A_move_on_one_instance_is_live_on_a_board_open_on_the_other_which_works_through_pgbouncer()
    {
        var owner = await Given.ACompanyAsync(instances.OnA);
        var lead = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Joana Lima", email = Given.UniqueEmail("lead") }).ReadAsync<IdBody>(HttpStatusCode.Created);
        var deal = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead.Id, title = "Reforma", value = 1200m }).ReadAsync<IdBody>(HttpStatusCode.Created);
        var onBAsOwner = owner with { Client = instances.OnB };

        using var events = await instances.OnB.SendAsync(onBAsOwner.Request(HttpMethod.Get, "/api/pipeline/events"), HttpCompletionOption.ResponseHeadersRead);
        using var board = new StreamReader(await events.Content.ReadAsStreamAsync());
        await board.NextEventAsync("ready");
        (await owner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/move", new { stageId = 2 })).EnsureSuccessStatusCode();
        var moved = await board.NextEventAsync("deal.moved"); // fed to B by PostgreSQL's NOTIFY on B's direct LISTEN connection
        Assert.Equal(deal.Id, moved.GetProperty("dealId").GetInt64());

        // B writes through pgbouncer's transaction mode (advisory locks, triggers, row-level security in one transaction)
        (await onBAsOwner.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/move", new { stageId = 3 })).EnsureSuccessStatusCode();
        var seenOnA = await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<JsonElement>();
        Assert.Equal(3, seenOnA.GetProperty("stage").GetProperty("id").GetInt64());
        var columns = (await onBAsOwner.SendAsync(HttpMethod.Get, "/api/pipeline/board").ReadAsync<JsonElement>()).GetProperty("columns");
        Assert.Equal(1, columns.EnumerateArray().Single(c => c.GetProperty("stage").GetProperty("id").GetInt64() == 3).GetProperty("totalCount").GetInt32());
        var otherCompany = await Given.ACompanyAsync(instances.OnB); // and B's tenant binding holds through pgbouncer: another company sees nothing of it
        Assert.Equal(HttpStatusCode.NotFound, (await otherCompany.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}")).StatusCode);
    }

    [Fact]
    public async Task Forty_concurrent_sign_ups_spread_over_both_instances_give_one_mail_and_one_member_each()
    {
        var emails = Enumerable.Range(0, 40).Select(i => Given.UniqueEmail($"signup{i}")).ToList();
        var answers = await Task.WhenAll(emails.Select((email, i) => (i % 2 == 0 ? instances.OnA : instances.OnB).PostAsJsonAsync("/api/auth/register",
            new { companyName = $"Empresa {i}", name = $"Dona {i}", email, password = Given.GoodPassword })));
        Assert.All(answers, r => Assert.Equal(HttpStatusCode.Created, r.StatusCode));
        var users = string.Join(",", await Task.WhenAll(answers.Select(async r => (await r.Content.ReadFromJsonAsync<TokensBody>())!.User.Id)));

        await Eventually.TrueAsync(async () =>
                await instances.ScalarAsync("SELECT count(*) FROM identity.outbox_messages WHERE delivered_at IS NULL") == 0
                && await instances.ScalarAsync($"SELECT count(*) FROM pipeline.members WHERE user_id IN ({users})") == 40
                && emails.All(e => instances.Smtp.MessagesTo(e).Any()),
            "both instances to deliver every sign-up's events", TimeSpan.FromSeconds(60));
        Assert.All(emails, email => Assert.Single(instances.Smtp.MessagesTo(email)));
        Assert.Equal(40, await instances.ScalarAsync($"SELECT count(DISTINCT user_id) FROM pipeline.members WHERE user_id IN ({users})"));
    }

    [Fact]
    public async Task The_morning_digest_goes_out_once_when_two_instances_look_at_the_same_moment()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("instancesdigest");
        await using var smtp = new SmtpCapture();
        // A zone where it is noon now: the set-up instance's digest hour (23:00) does not come during the test, the
        // two instances' (midnight) has come.
        var zone = $"Etc/GMT{(DateTimeOffset.UtcNow.Hour - 12 >= 0 ? "+" : "-")}{Math.Abs(DateTimeOffset.UtcNow.Hour - 12)}";
        var env = new Dictionary<string, string>(Env(database, smtp)) { ["Pipeline__TimeZone"] = zone };
        string email;
        await using (var setUp = await HostProcess.StartAsync(new Dictionary<string, string>(env) { ["Pipeline__DigestHour"] = "23" }))
        {
            using var http = new HttpClient { BaseAddress = setUp.BaseAddress };
            var owner = await Given.ACompanyAsync(http);
            email = owner.Email;
            var lead = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Joana Lima", email = Given.UniqueEmail("lead") }).ReadAsync<IdBody>(HttpStatusCode.Created);
            var yesterday = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(-2).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            (await owner.SendAsync(HttpMethod.Post, "/api/activities", new { typeId = 1, subject = "Ligar para a Joana", dueDate = yesterday, leadId = lead.Id }))
                .EnsureSuccessStatusCode();
            await smtp.WaitForMessageToAsync(email); // the verification mail: the set-up's outbox is done
        }

        env["Pipeline__DigestHour"] = "0";
        var starting = new[] { HostProcess.StartAsync(env), HostProcess.StartAsync(env) };
        await using var a = await starting[0];
        await using var b = await starting[1];
        await Eventually.TrueAsync(() => Task.FromResult(new[] { a, b }.All(h => h.Output.Contains("done here", StringComparison.Ordinal))),
            "both instances to look for today's digests");
        await Eventually.TrueAsync(async () => await ScalarAsync(database, "SELECT count(*) FROM pipeline.outbox_messages WHERE delivered_at IS NULL") == 0,
            "the digest to be delivered");

        Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM pipeline.activity_digests"));
        Assert.Single(smtp.MessagesTo(email), m => m.Subject?.StartsWith("Suas atividades", StringComparison.Ordinal) == true);
    }

    [Fact]
    public async Task Behind_a_trusted_balancer_the_address_limit_counts_each_client_and_a_forged_header_is_ignored_otherwise()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("instancesproxy");
        var limits = new Dictionary<string, string>(TestPostgres.HostDatabase(database, "__")) { ["RateLimits__Auth__PerIpPermitLimit"] = "3" };
        await using var behind = await HostProcess.StartAsync(new Dictionary<string, string>(limits) { ["ReverseProxy__TrustedProxies__0"] = "127.0.0.1" });
        await using var exposed = await HostProcess.StartAsync(limits);

        async Task<HttpStatusCode> SignInFromAsync(HostProcess host, string client)
        {
            using var http = new HttpClient { BaseAddress = host.BaseAddress };
            using var request = new HttpRequestMessage(HttpMethod.Post, "/api/auth/login")
            {
                Content = JsonContent.Create(new { email = Given.UniqueEmail(), password = "wrong password", rememberMe = false }),
            };
            request.Headers.Add("X-Forwarded-For", client);
            return (await http.SendAsync(request)).StatusCode;
        }

        foreach (var host in new[] { behind, exposed })
            for (var i = 0; i < 3; i++)
                Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(host, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(behind, "203.0.113.7"));
        Assert.Equal(HttpStatusCode.Unauthorized, await SignInFromAsync(behind, "198.51.100.20")); // another client behind the balancer
        Assert.Equal(HttpStatusCode.TooManyRequests, await SignInFromAsync(exposed, "198.51.100.20")); // a header anyone can write
    }

    /// <summary>Two instances' settings: one database, fast outbox polling, no per-address limit in the way.</summary>
    internal static Dictionary<string, string> Env(string database, SmtpCapture? smtp = null)
    {
        var env = new Dictionary<string, string>(TestPostgres.HostDatabase(database, "__"))
        {
            ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
            ["Outbox__PollInterval"] = "00:00:00.250",
            ["Outbox__FirstRetryDelay"] = "00:00:00.100",
        };
        if (smtp is not null)
        {
            env["Smtp__Host"] = "127.0.0.1";
            env["Smtp__Port"] = smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
            env["Smtp__Security"] = "None";
        }

        return env;
    }

    /// <summary>
    /// The runtime role's connections through pgbouncer's transaction mode; LISTEN needs a session of its own, so it
    /// goes to PostgreSQL itself (ConnectionStrings__Listen), as scale-out.md says.
    /// </summary>
    internal static Dictionary<string, string> ThroughPgBouncer(Dictionary<string, string> env, PgBouncerProcess bouncer) =>
        new(env)
        {
            ["ConnectionStrings__Default"] = bouncer.Through(env["ConnectionStrings__Default"]),
            ["ConnectionStrings__Listen"] = env["ConnectionStrings__Default"],
            ["Database__PrepareStatements"] = "false", // transaction mode: any server connection per transaction (ADR 0033)
        };

    internal static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private static async Task<string> SignInAsync(HttpClient http, string email)
    {
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = Given.GoodPassword, rememberMe = false });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        return (await login.Content.ReadFromJsonAsync<TokensBody>())!.AccessToken;
    }

    private static async Task<HttpStatusCode> MeAsync(HttpClient http, string token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/me");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return (await http.SendAsync(request)).StatusCode;
    }

    private sealed record IdBody(long Id);

    [System.Text.RegularExpressions.GeneratedRegex(@"https?://\S+/invite/\S+")]
    private static partial System.Text.RegularExpressions.Regex InvitationLink();
}

/// <summary>
/// A on PostgreSQL itself and B through pgbouncer (transaction mode), on one database with one mail catcher, started
/// once for the tests that share them and stopped after the last. A minute's session cache: only the notification can
/// explain a refusal within a second; the account limit of ten.
/// </summary>
public sealed class TwoInstances : IAsyncLifetime
{
    private readonly List<IAsyncDisposable> _started = [];
    private string _database = "";

    public SmtpCapture Smtp { get; } = new();
    public HttpClient OnA { get; private set; } = null!;
    public HttpClient OnB { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        _database = await TestPostgres.CreateMigratedDatabaseAsync("instances");
        var env = new Dictionary<string, string>(SeveralInstances.Env(_database, Smtp))
        {
            ["Identity__SessionCheckCache"] = "00:01:00",
            ["RateLimits__Auth__PerEmailPermitLimit"] = "10",
        };
        var bouncer = Started(await PgBouncerProcess.StartAsync(_database));
        var a = Started(await HostProcess.StartAsync(env));
        var b = Started(await HostProcess.StartAsync(SeveralInstances.ThroughPgBouncer(env, bouncer)));
        OnA = new HttpClient { BaseAddress = a.BaseAddress };
        OnB = new HttpClient { BaseAddress = b.BaseAddress, Timeout = Timeout.InfiniteTimeSpan }; // B serves a live stream
    }

    public Task<long> ScalarAsync(string sql) => SeveralInstances.ScalarAsync(_database, sql);

    public async Task DisposeAsync()
    {
        OnA?.Dispose();
        OnB?.Dispose();
        for (var i = _started.Count - 1; i >= 0; i--) // the Hosts, then pgbouncer
            await _started[i].DisposeAsync();
        await Smtp.DisposeAsync();
    }

    private T Started<T>(T process) where T : IAsyncDisposable
    {
        _started.Add(process);
        return process;
    }
}
