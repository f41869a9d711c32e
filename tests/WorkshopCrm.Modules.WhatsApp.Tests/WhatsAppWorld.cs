using System.Net.Http.Headers;
using EvolutionSimulator;
using Npgsql;

namespace WorkshopCrm.Modules.WhatsApp.Tests;

/// <summary>
/// The real Host process and the Evolution API v2 simulator, talking over real HTTP both ways (the gateway calls the
/// Host's webhook), with a database of their own. One for the whole project (a collection fixture: its classes run one
/// after another): each test makes its own company and instance, and a test that changes the simulator's behaviour
/// (its faults) puts it back. Three worlds were three Host processes started, about 20 CPU-seconds of a test run.
/// </summary>
public sealed class WhatsAppWorld : IAsyncLifetime
{
    public const string Collection = "WhatsApp world";

    public const string ApiKey = "tests-evolution-global-key";

    public RunningSimulator Gateway { get; private set; } = null!;
    public HostProcess Host { get; private set; } = null!;
    public string Database { get; private set; } = "";

    public async Task InitializeAsync()
    {
        Database = await TestPostgres.CreateMigratedDatabaseAsync("whatsapp");
        Gateway = await Simulator.StartAsync(ApiKey);
        var port = HostProcess.FreePort();
        Host = await HostProcess.StartAsync(new Dictionary<string, string>(TestPostgres.HostDatabase(Database, "__"))
        {
            ["EvolutionApi__BaseUrl"] = Gateway.BaseAddress.ToString(),
            ["EvolutionApi__ApiKey"] = ApiKey,
            ["App__PublicUrl"] = $"http://127.0.0.1:{port}",
            ["Outbox__PollInterval"] = "00:00:00.250",
            ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
            ["RateLimits__Auth__PerEmailPermitLimit"] = "100000",
        }, port);
    }

    /// <summary>A client with a bound that is API.md's: WhatsApp answers within 10 s, whatever the gateway does.</summary>
    public HttpClient Client() => new() { BaseAddress = Host.BaseAddress, Timeout = TimeSpan.FromSeconds(10) };

    /// <summary>A new company whose owner has verified its e-mail.</summary>
    public async Task<User> ACompanyAsync()
    {
        var email = Given.UniqueEmail();
        var client = Client();
        var response = await client.PostAsJsonAsync("/api/auth/register", new { companyName = "Oficina " + Guid.NewGuid().ToString("N")[..6], name = "Dona", email, password = Given.GoodPassword });
        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var owner = User.From(client, await response.Content.ReadFromJsonAsync<TokensBody>());
        await ExecuteAsync($"UPDATE identity.users SET email_verified_at = now() WHERE id = {owner.Id}");
        return owner;
    }

    /// <summary>A Salesperson of the owner's company, through a real invitation.</summary>
    public async Task<User> ASalespersonAsync(User owner)
    {
        var invitation = await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail("seller") });
        Assert.Equal(HttpStatusCode.Created, invitation.StatusCode);
        var link = JsonDocument.Parse(await invitation.Content.ReadAsStringAsync()).RootElement.GetProperty("link").GetString()!;
        var client = Client();
        var accepted = await client.PostAsJsonAsync($"/api/invitations/by-token/{link[(link.LastIndexOf('/') + 1)..]}/accept", new { name = "Vendedor", password = Given.GoodPassword });
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        return User.From(client, await accepted.Content.ReadFromJsonAsync<TokensBody>());
    }

    /// <summary>Connects the owner's company: QR from the Host, scan on the "phone", webhook back to the Host.</summary>
    public async Task<string> ConnectAsync(User owner, string phone = "5511999990000")
    {
        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection")).StatusCode);
        var instance = await InstanceOfAsync(owner);
        await Gateway.ScanAsync(instance, phone, "Oficina");
        await Eventually.TrueAsync(async () => (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString() == "Connected", "the connection to open");
        return instance;
    }

    public static async Task<string> InstanceOfAsync(User owner) =>
        (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("instanceName").GetString()!;

    public async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new NpgsqlConnection(Database);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
    }

    public async Task ExecuteAsync(string sql) => await ScalarAsync(sql + "; SELECT 0");

    public async Task DisposeAsync()
    {
        await Host.DisposeAsync();
        await Gateway.DisposeAsync();
    }
}

public sealed record User(HttpClient Client, string Token, long Id, long TenantId)
{
    public static User From(HttpClient client, TokensBody? tokens) => new(client, tokens!.AccessToken, tokens.User.Id, tokens.User.Tenant.Id);

    public Task<HttpResponseMessage> SendAsync(HttpMethod method, string path, object? body = null, HttpCompletionOption completion = HttpCompletionOption.ResponseContentRead)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Token);
        if (body is not null)
            request.Content = JsonContent.Create(body);
        return Client.SendAsync(request, completion);
    }

    public async Task<JsonElement> GetJsonAsync(string path)
    {
        var response = await SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>The WhatsApp screen's live stream, open and past its "ready" event.</summary>
    public async Task<LiveEvents> OpenEventsAsync()
    {
        var stream = await SendAsync(HttpMethod.Get, "/api/whatsapp/events", completion: HttpCompletionOption.ResponseHeadersRead);
        var events = new LiveEvents(stream, new StreamReader(await stream.Content.ReadAsStreamAsync()));
        await events.NextAsync("ready");
        return events;
    }
}

/// <summary>An open event stream: the next event of a type, and closed on dispose.</summary>
public sealed class LiveEvents(HttpResponseMessage response, StreamReader reader) : IDisposable
{
    public Task<JsonElement> NextAsync(string type) => reader.NextEventAsync(type);

    public void Dispose()
    {
        reader.Dispose();
        response.Dispose();
    }
}

[CollectionDefinition(WhatsAppWorld.Collection)]
public sealed class SharedWhatsAppWorld : ICollectionFixture<WhatsAppWorld>;
