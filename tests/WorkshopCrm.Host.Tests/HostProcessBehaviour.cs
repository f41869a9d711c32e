namespace WorkshopCrm.Host.Tests;

/// <summary>The real executable: verbs, start-up refusal, Kestrel limits.</summary>
public sealed class HostProcessBehaviour(ServedHost served) : IClassFixture<ServedHost>
{
    [Fact]
    public async Task The_migrate_verb_creates_every_schema_and_the_runtime_role_then_exits()
    {
        var database = await TestPostgres.CreateDatabaseAsync("migrate");
        // A runtime role nobody created yet: a new install names it in ConnectionStrings:Default and migrate makes it.
        var role = "crm_app_" + Guid.NewGuid().ToString("N")[..10];
        var env = Env(database);
        env["ConnectionStrings__Default"] = new Npgsql.NpgsqlConnectionStringBuilder(database) { Username = role, Password = "pw-" + role }.ConnectionString;
        try
        {
            var (exitCode, output) = await HostProcess.RunVerbAsync(env, "migrate");

            Assert.True(exitCode == 0, output);
            Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM identity.roles"));
            Assert.True(await ScalarAsync(database, "SELECT count(*) FROM identity.__ef_migrations_history") > 0);
            Assert.Equal(1L, await ScalarAsync(database, "SELECT count(*) FROM information_schema.tables WHERE table_schema = 'identity' AND table_name = 'email_verification_tokens'"));
            Assert.Equal(1L, await ScalarAsync(database,
                $"SELECT count(*) FROM pg_roles WHERE rolname = '{role}' AND rolcanlogin AND NOT rolsuper AND NOT rolbypassrls AND NOT rolcreaterole AND NOT rolcreatedb"));
            Assert.Equal(0L, await ScalarAsync(database, $"SELECT count(*) FROM pg_class c JOIN pg_roles r ON r.oid = c.relowner WHERE r.rolname = '{role}'"));
            // ... and the role cross-tenant work switches to: no login, a member of which the runtime role inherits nothing.
            Assert.Equal(1L, await ScalarAsync(database,
                $"SELECT count(*) FROM pg_roles WHERE rolname = '{role}_across' AND NOT rolcanlogin AND pg_has_role('{role}', rolname, 'MEMBER') AND NOT pg_has_role('{role}', rolname, 'USAGE')"));
            Assert.Equal(0L, await ScalarAsync(database,
                "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' " +
                "WHERE c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)"));
        }
        finally
        {
            await ExecuteAsync(database, $"DROP OWNED BY {role}, {role}_across; DROP ROLE IF EXISTS {role}; DROP ROLE IF EXISTS {role}_across");
        }
    }

    [Fact]
    public async Task Seed_demo_on_an_empty_database_makes_a_full_board_the_salesperson_sees_its_own_deals_and_a_second_run_changes_nothing()
    {
        // One test for the verb's whole story: every verb run and Host start is seconds of a CPU-bound test run.
        var database = await TestPostgres.CreateDatabaseAsync("seeddemo");
        var (firstExit, firstOutput) = await HostProcess.RunVerbAsync(Env(database), "seed-demo");
        Assert.True(firstExit == 0, firstOutput);
        Assert.Contains("dono@demo.workshopcrm.local", firstOutput, StringComparison.Ordinal);
        Assert.Contains("Demo pipeline created", firstOutput, StringComparison.Ordinal);
        Assert.Equal(3L, await ScalarAsync(database, "SELECT count(*) FROM identity.outbox_messages")); // the company and both users announced
        Assert.Equal(2L, await ScalarAsync(database, "SELECT count(*) FROM pipeline.members")); // delivered by the verb itself

        var (secondExit, secondOutput) = await HostProcess.RunVerbAsync(Env(database), "seed-demo");

        Assert.True(secondExit == 0, secondOutput);
        Assert.Contains("already", secondOutput, StringComparison.Ordinal);
        Assert.Equal(3L, await ScalarAsync(database, "SELECT count(*) FROM identity.outbox_messages"));
        await using var host = await HostProcess.StartAsync(Env(database));
        var owner = await BoardOfAsync(host, "dono@demo.workshopcrm.local");
        var salesperson = await BoardOfAsync(host, "vendas@demo.workshopcrm.local");

        // The owner: deals in every column, each column with its count and BRL total, won and lost ones included.
        Assert.Equal(7, owner.Board.Columns.Count);
        Assert.All(owner.Board.Columns, c => Assert.True(c.TotalCount > 0 && c.TotalValue > 0 && c.Deals.Count > 0, $"{c.Stage.Name} is empty"));
        Assert.All(owner.Board.Columns, c => Assert.Equal(c.Deals.Sum(d => d.Value), c.TotalValue));
        var ownerDeals = owner.Board.Columns.SelectMany(c => c.Deals).ToList();
        Assert.InRange(ownerDeals.Count, 25, 40); // once, not twice
        Assert.Equal(2, ownerDeals.Select(d => d.OwnerId).Distinct().Count());
        Assert.Contains(ownerDeals, d => d.DaysInStage >= 21); // a couple of stale cards
        Assert.All(owner.Board.Columns, c => Assert.Equal(c.Deals.OrderBy(d => d.SortOrder).Select(d => d.Id), c.Deals.Select(d => d.Id)));
        Assert.All(ownerDeals, d => Assert.Equal(0, d.SortOrder % 1024)); // the module's gaps

        // The salesperson: its own deals only, in several columns, with totals over them alone.
        var ownDeals = salesperson.Board.Columns.SelectMany(c => c.Deals).ToList();
        Assert.NotEmpty(ownDeals);
        Assert.All(ownDeals, d => Assert.Equal(salesperson.UserId, d.OwnerId));
        Assert.True(ownDeals.Count < ownerDeals.Count);
        Assert.True(salesperson.Board.Columns.Count(c => c.TotalCount > 0) >= 3);
        Assert.All(salesperson.Board.Columns, c => Assert.Equal(c.Deals.Sum(d => d.Value), c.TotalValue));
        Assert.Equal(ownerDeals.Where(d => d.OwnerId == salesperson.UserId).Select(d => d.Id).Order(), ownDeals.Select(d => d.Id).Order());
    }

    private static async Task<(long UserId, DemoBoard Board)> BoardOfAsync(HostProcess host, string email)
    {
        using var http = new HttpClient { BaseAddress = host.BaseAddress };
        var login = await http.PostAsJsonAsync("/api/auth/login", new { email, password = "demo-password-2026" });
        Assert.Equal(HttpStatusCode.OK, login.StatusCode);
        var tokens = (await login.Content.ReadFromJsonAsync<TokensBody>())!;
        using var request = new HttpRequestMessage(HttpMethod.Get, "/api/pipeline/board?perColumn=100");
        request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", tokens.AccessToken);
        var response = await http.SendAsync(request);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return (tokens.User.Id, (await response.Content.ReadFromJsonAsync<DemoBoard>())!);
    }

    private sealed record DemoBoard(IReadOnlyList<DemoColumn> Columns);

    private sealed record DemoColumn(DemoStage Stage, int TotalCount, decimal TotalValue, IReadOnlyList<DemoCard> Deals);

    private sealed record DemoStage(long Id, string Name);

    private sealed record DemoCard(long Id, string Title, decimal Value, long OwnerId, int SortOrder, int DaysInStage);

    [Fact]
    public async Task The_dead_letters_verb_lists_and_replays_parked_messages()
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("deadletters");
        await ExecuteAsync(database,
            "INSERT INTO identity.outbox_messages (id, type, payload, occurred_at, available_at, attempts, last_error, dead_lettered_at) " +
            "VALUES ('0194d6a8-0000-7000-8000-000000000001', 'Some.Event, Somewhere', '{}', now(), now(), 10, 'System.Exception: it broke', now())");

        var (_, listed) = await HostProcess.RunVerbAsync(Env(database), "dead-letters", "list");
        var (exitCode, replayed) = await HostProcess.RunVerbAsync(Env(database), "dead-letters", "replay", "0194d6a8-0000-7000-8000-000000000001");

        Assert.Contains("0194d6a8-0000-7000-8000-000000000001", listed, StringComparison.Ordinal);
        Assert.Contains("it broke", listed, StringComparison.Ordinal);
        Assert.True(exitCode == 0, replayed);
        Assert.Equal(0L, await ScalarAsync(database, "SELECT count(*) FROM identity.outbox_messages WHERE dead_lettered_at IS NOT NULL"));
    }

    [Theory]
    [InlineData("Jwt__SigningKey", "too-short", "Jwt:SigningKey must be at least 32 bytes")]
    [InlineData("Identity__PasswordHashIterations", TestPasswords.Iterations, "Identity:PasswordHashIterations must be at least 210000")] // the tests' work factor
    public async Task In_production_the_Host_refuses_to_start_with_a_weak_setting(string setting, string value, string message)
    {
        var database = await TestPostgres.CreateMigratedDatabaseAsync("weak");
        var env = Env(database);
        env["ASPNETCORE_ENVIRONMENT"] = "Production";
        env["Identity__PasswordHashIterations"] = "210000";
        env[setting] = value;

        var (exitCode, output) = await HostProcess.RunVerbAsync(env, "--urls", $"http://127.0.0.1:{FreePort()}");

        Assert.NotEqual(0, exitCode);
        Assert.Contains(message, output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_request_body_over_one_megabyte_is_refused_with_a_problem()
    {
        using var http = new HttpClient { BaseAddress = served.Host.BaseAddress };

        var response = await http.PostAsync("/api/auth/register",
            new StringContent($"{{\"companyName\":\"{new string('x', 1_100_000)}\"}}", System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_built_spa_is_served_with_its_assets_and_its_routes_fall_back_to_index_html()
    {
        using var http = new HttpClient { BaseAddress = served.Host.BaseAddress };

        var asset = await http.GetAsync("/assets/app.js");
        var deepLink = await http.GetAsync("/board/deals/42");
        var unknownApi = await http.GetAsync("/api/nothing-here");

        Assert.Equal("text/javascript", asset.Content.Headers.ContentType?.MediaType);
        Assert.Equal("console.log('spa')", await asset.Content.ReadAsStringAsync());
        Assert.Contains("<div id=root>spa</div>", await deepLink.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, unknownApi.StatusCode);
        Assert.Equal("application/problem+json", unknownApi.Content.Headers.ContentType?.MediaType);
        Assert.All([asset, deepLink, unknownApi], r =>
        {
            Assert.False(r.Headers.Contains("Server"), "Kestrel names itself");
            Assert.Contains("frame-ancestors 'none'", r.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        });
    }

    private static Dictionary<string, string> Env(string database) => TestPostgres.HostDatabase(database, "__");

    private static async Task<long> ScalarAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static async Task ExecuteAsync(string database, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

/// <summary>
/// One running Host for the tests that only need one to answer (a Host start is seconds of a CPU-bound test run):
/// on a migrated database, serving a small built SPA from a web root of its own.
/// </summary>
public sealed class ServedHost : IAsyncLifetime
{
    private readonly string _webRoot = Directory.CreateTempSubdirectory("crm-wwwroot-").FullName;

    public HostProcess Host { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.Combine(_webRoot, "assets"));
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "index.html"), "<!doctype html><div id=root>spa</div>");
        await File.WriteAllTextAsync(Path.Combine(_webRoot, "assets", "app.js"), "console.log('spa')");
        var env = TestPostgres.HostDatabase(await TestPostgres.CreateMigratedDatabaseAsync("served"), "__");
        env["ASPNETCORE_WEBROOT"] = _webRoot;
        Host = await HostProcess.StartAsync(env);
    }

    public async Task DisposeAsync()
    {
        if (Host is not null)
            await Host.DisposeAsync();
        Directory.Delete(_webRoot, recursive: true);
    }
}
