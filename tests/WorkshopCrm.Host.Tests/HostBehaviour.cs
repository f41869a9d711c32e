using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using WorkshopCrm.Shared.Data;

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

    [Fact]
    public async Task Instances_that_start_together_on_a_new_database_all_set_it_up_without_an_error()
    {
        // Two Hosts started at once (a deploy of two instances, a restart of both) each migrate on start; PostgreSQL
        // refused the second's catalog write while the first's was not committed ("tuple concurrently updated").
        var database = await TestPostgres.CreateDatabaseAsync("together");
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(TestPostgres.HostDatabase(database)!).Build();
        await using var runtime = NpgsqlDataSource.Create(TestPostgres.AsRuntimeRole(database));
        var migrator = new DatabaseMigrator(app.Services.GetServices<IModuleMigrator>(), runtime, configuration, NullLogger<DatabaseMigrator>.Instance);

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => Task.Run(() => migrator.MigrateAsync(reapplySecurity: true, CancellationToken.None))));

        await using var owner = new NpgsqlConnection(database);
        await owner.OpenAsync();
        await using var unprotected = new NpgsqlCommand(
            "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' " +
            "WHERE c.relkind = 'r' AND NOT (c.relrowsecurity AND c.relforcerowsecurity)", owner);
        Assert.Equal(0L, (long)(await unprotected.ExecuteScalarAsync())!);
        await using var stages = new NpgsqlCommand("SELECT count(*) FROM pipeline.pipeline_stages", owner);
        Assert.Equal(7L, (long)(await stages.ExecuteScalarAsync())!);
    }
}

/// <summary>A Host whose dispatchers do not run: whatever lands in an outbox stays there.</summary>
public sealed class StalledOutboxFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Outbox:Enabled"] = "false";
}

public sealed class StalledOutbox(StalledOutboxFixture app) : IClassFixture<StalledOutboxFixture>
{
    [Fact]
    public async Task Ready_turns_unhealthy_when_due_events_wait_too_long()
    {
        await app.ACompanyAsync();
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync("/health/ready")).StatusCode);

        await app.ExecuteAsync("UPDATE identity.outbox_messages SET available_at = now() - interval '5 minutes'");

        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.ServiceUnavailable, ready.StatusCode);
    }

    [Fact]
    public async Task Dead_letters_leave_the_instance_ready_but_degraded()
    {
        await app.ACompanyAsync();

        await app.ExecuteAsync("UPDATE identity.outbox_messages SET dead_lettered_at = now(), attempts = 10");

        var ready = await app.CreateClient().GetAsync("/health/ready");
        Assert.Equal(HttpStatusCode.OK, ready.StatusCode);
        Assert.Equal("Degraded", await ready.Content.ReadAsStringAsync());
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
