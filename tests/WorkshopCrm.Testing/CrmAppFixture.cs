using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using Npgsql;
using Xunit;

namespace WorkshopCrm.Testing;

/// <summary>
/// The whole Host over HTTP (WebApplicationFactory) against a database of its own and a real SMTP server in the test
/// process. One per test class (IClassFixture), so classes run in parallel without sharing rows.
/// </summary>
public class CrmAppFixture : IAsyncLifetime
{
    public const string SigningKey = "tests-only-signing-key-0123456789-abcdefghijklmnop";

    private WebApplicationFactory<Program>? _factory;

    public SmtpCapture Smtp { get; } = new();
    public string ConnectionString { get; private set; } = "";
    public WebApplicationFactory<Program> Factory => _factory ?? throw new InvalidOperationException("Not started.");
    public IServiceProvider Services => Factory.Services;

    public async Task InitializeAsync()
    {
        ConnectionString = await TestPostgres.CreateMigratedDatabaseAsync(GetType().Name);
        var settings = new Dictionary<string, string?>
        {
            ["Jwt:SigningKey"] = SigningKey,
            ["Smtp:Host"] = "127.0.0.1",
            ["Smtp:Port"] = Smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["Smtp:Security"] = "None",
            ["App:PublicUrl"] = "http://localhost",
            ["Outbox:PollInterval"] = "00:00:00.250",
            ["Outbox:FirstRetryDelay"] = "00:00:00.050",
            ["Outbox:MaxAttempts"] = "5",
            // Tests sign in far more often than people; the rate-limit tests set their own limits.
            ["RateLimits:Auth:PerIpPermitLimit"] = "100000",
            ["RateLimits:Auth:PerEmailPermitLimit"] = "100000",
            [TestPasswords.IterationsKey] = TestPasswords.Iterations,
        };
        foreach (var (key, value) in TestPostgres.HostDatabase(ConnectionString))
            settings[key] = value;
        Configure(settings);

        _factory = new WebApplicationFactory<Program>().WithWebHostBuilder(host =>
        {
            host.UseEnvironment("Testing");
            host.ConfigureAppConfiguration(config => config.AddInMemoryCollection(settings));
            host.ConfigureLogging(logging => logging.ClearProviders().AddDebug());
            host.ConfigureServices(ConfigureServices);
        });
        _ = _factory.Server; // starts the Host: migrations, dispatchers
        await SeedAsync();
    }

    /// <summary>Override to make data every test of the class reads (through the API, once the Host runs).</summary>
    protected virtual Task SeedAsync() => Task.CompletedTask;

    /// <summary>Override to replace services (a fake clock) before the Host starts.</summary>
    protected virtual void ConfigureServices(Microsoft.Extensions.DependencyInjection.IServiceCollection services)
    {
    }

    /// <summary>Override to change settings before the Host starts.</summary>
    protected virtual void Configure(IDictionary<string, string?> settings)
    {
    }

    /// <summary>A browser-like client: keeps cookies (the refresh cookie) between calls.</summary>
    public HttpClient CreateClient()
    {
        var cookies = new System.Net.CookieContainer();
        var client = Factory.CreateDefaultClient(new Uri("http://localhost"), new Microsoft.AspNetCore.Mvc.Testing.Handlers.CookieContainerHandler(cookies));
        CookieJar.Remember(client, cookies);
        return client;
    }

    public async Task<T?> ScalarAsync<T>(string sql, params object[] parameters)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (value, i) in parameters.Select((p, i) => (p, i)))
            command.Parameters.AddWithValue($"p{i}", value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)Convert.ChangeType(result, Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql, params object[] parameters) => await ScalarAsync<object>(sql, parameters);

    public async Task DisposeAsync()
    {
        if (_factory is not null)
            await _factory.DisposeAsync();
        await Smtp.DisposeAsync();
    }
}
