namespace WorkshopCrm.Host.Tests;

public sealed class HostBehaviour(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Live_and_ready_answer_healthy_with_a_database()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        var ready = await client.GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Healthy", await ready.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Ready_turns_unhealthy_when_an_outbox_backlog_is_stuck()
    {
        // A dispatcher that hangs while holding a row: the row stays due and undelivered.
        await using var stuck = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await stuck.OpenAsync();
        await using var hold = await stuck.BeginTransactionAsync();
        await using (var insert = new Npgsql.NpgsqlCommand(
            "INSERT INTO identity.outbox_messages (id, type, payload, occurred_at, available_at, attempts) " +
            "VALUES (gen_random_uuid(), 'Stuck, Nowhere', '{}', now() - interval '1 hour', now() - interval '1 hour', 0)", stuck, hold))
            await insert.ExecuteNonQueryAsync();
        await hold.CommitAsync();
        await using var locking = await stuck.BeginTransactionAsync();
        await using (var lockRow = new Npgsql.NpgsqlCommand("SELECT id FROM identity.outbox_messages WHERE type = 'Stuck, Nowhere' FOR UPDATE", stuck, locking))
            await lockRow.ExecuteNonQueryAsync();

        var ready = await app.CreateClient().GetAsync("/health/ready");

        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
        await locking.RollbackAsync();
        await app.ExecuteAsync("DELETE FROM identity.outbox_messages WHERE type = 'Stuck, Nowhere'");
    }

    [Fact]
    public async Task The_OpenAPI_document_describes_the_routes()
    {
        var document = await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json");

        foreach (var route in new[] { "/api/auth/register", "/api/auth/login", "/api/auth/refresh", "/api/auth/logout", "/api/me" })
            Assert.Contains($"\"{route}\"", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_unknown_api_route_is_a_404_problem()
    {
        var response = await app.CreateClient().GetAsync("/api/no-such-thing");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("not_found", (await Problem.ReadAsync(response)).Code);
    }
}

public sealed class DatabaseAwayFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["ConnectionStrings:Default"] = $"Host=127.0.0.1;Port={FreePort()};Database=gone;Username=x;Password=y;Timeout=2";
        settings["Database:MigrateOnStartup"] = "false";
        settings["Outbox:Enabled"] = "false";
    }

    private static int FreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}

public sealed class DatabaseAway(DatabaseAwayFixture app) : IClassFixture<DatabaseAwayFixture>
{
    [Fact]
    public async Task Requests_get_a_503_problem_without_a_stack_trace()
    {
        var response = await app.CreateClient().PostAsJsonAsync("/api/auth/login", new { email = "a@example.com", password = "whatever1" });

        Assert.Equal(HttpStatusCode.ServiceUnavailable, response.StatusCode);
        Assert.True(response.Headers.Contains("Retry-After"));
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("database.unavailable", problem.Code);
        Assert.Null(problem.Detail);
        Assert.DoesNotContain(" at ", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Ready_is_unhealthy_while_live_stays_up()
    {
        var client = app.CreateClient();

        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/health/live")).StatusCode);
        Assert.Equal(HttpStatusCode.ServiceUnavailable, (await client.GetAsync("/health/ready")).StatusCode);
    }
}
