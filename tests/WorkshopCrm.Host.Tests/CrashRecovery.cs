using System.Text;
using System.Globalization;

namespace WorkshopCrm.Host.Tests;

/// <summary>QUALITY.md: nothing lost and nothing done twice when the Host is killed while events flow.</summary>
public sealed class CrashRecovery : IAsyncDisposable
{
    private readonly SmtpCapture _smtp = new();
    private string _database = "";

    [Fact]
    public async Task Killing_the_Host_while_events_flow_loses_no_event_and_records_each_once()
    {
        _database = await TestPostgres.CreateMigratedDatabaseAsync("crash");
        await using var first = await HostProcess.StartAsync(Env());
        using var http = new HttpClient { BaseAddress = first.BaseAddress };

        var signUps = Enumerable.Range(0, 40).Select(async i =>
        {
            try
            {
                await http.PostAsJsonAsync("/api/auth/register", new { companyName = $"Crash {i}", name = "Owner", email = $"crash{i}@example.com", password = Given.GoodPassword });
            }
            catch (HttpRequestException)
            {
                // the Host died under this request; whether it committed is for the database to say
            }
        }).ToList();
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT count(*) FROM identity.users") >= 15, "sign-ups to flow");
        await first.KillAsync();
        await Task.WhenAll(signUps);

        await using var second = await HostProcess.StartAsync(Env());

        var users = await ScalarAsync("SELECT count(*) FROM identity.users");
        await Eventually.TrueAsync(async () => await ScalarAsync("SELECT count(*) FROM identity.outbox_messages WHERE delivered_at IS NULL") == 0,
            "every committed event to be delivered after the restart", TimeSpan.FromSeconds(60));
        Assert.Equal(users, await ScalarAsync("SELECT count(*) FROM identity.inbox_messages WHERE consumer LIKE '%MailVerificationOnSignUp'"));
        Assert.Equal(users, await ScalarAsync("SELECT count(*) FROM identity.email_verification_tokens"));
        var mailed = _smtp.Messages.SelectMany(m => m.To.Mailboxes.Select(a => a.Address)).ToHashSet();
        var emails = await EmailsAsync();
        Assert.All(emails, email => Assert.Contains(email, mailed));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM identity.outbox_messages WHERE dead_lettered_at IS NOT NULL"));
    }

    [Fact]
    public async Task Killing_the_Host_in_the_middle_of_an_import_resumes_it_on_the_next_start_and_writes_every_row_once()
    {
        _database = await TestPostgres.CreateMigratedDatabaseAsync("crashimport");
        var env = new Dictionary<string, string>(Env()) { ["Pipeline__ImportBatchSize"] = "200", ["Pipeline__ImportLease"] = "00:00:02" };
        await using var first = await HostProcess.StartAsync(env);
        using var http = new HttpClient { BaseAddress = first.BaseAddress };
        var signUp = await http.PostAsJsonAsync("/api/auth/register", new { companyName = "Planilha", name = "Owner", email = "planilha@example.com", password = Given.GoodPassword });
        var token = (await signUp.Content.ReadFromJsonAsync<TokensBody>())!.AccessToken;
        http.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", token);

        // 40 batches of 200: the kill lands after the fifth, with most of the sheet still to go.
        const int rows = 8_000;
        var sheet = new StringBuilder("Nome;E-mail;Valor\n");
        for (var i = 0; i < rows; i++)
            sheet.Append(CultureInfo.InvariantCulture, $"Cliente {i};cliente{i}@example.com;{i},50\n");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent(Encoding.UTF8.GetBytes(sheet.ToString())), "file", "clientes.csv" },
            { new StringContent("deals"), "kind" },
        };
        var uploaded = await http.PostAsync("/api/imports", form);
        Assert.Equal(System.Net.HttpStatusCode.Created, uploaded.StatusCode);
        var id = (await uploaded.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>()).GetProperty("import").GetProperty("id").GetInt64();
        (await http.PutAsJsonAsync($"/api/imports/{id}/mapping", new { mapping = new { name = "Nome", email = "E-mail", value = "Valor" }, duplicates = "skip" })).EnsureSuccessStatusCode();
        (await http.PostAsync($"/api/imports/{id}/start", null)).EnsureSuccessStatusCode();

        await Eventually.TrueAsync(async () => await ScalarAsync($"SELECT processed FROM pipeline.imports WHERE id = {id}") >= 1000, "the import to be under way");
        await first.KillAsync();
        var atKill = await ScalarAsync($"SELECT processed FROM pipeline.imports WHERE id = {id}");
        Assert.True(atKill < rows, $"the import finished before the kill ({atKill} rows): nothing was resumed");

        await using var second = await HostProcess.StartAsync(env);
        await Eventually.TrueAsync(async () => await ScalarAsync($"SELECT import_status_id FROM pipeline.imports WHERE id = {id}") == 3,
            "the import to complete after the restart", TimeSpan.FromSeconds(90));
        Assert.Equal(rows, await ScalarAsync("SELECT count(*) FROM pipeline.leads"));
        Assert.Equal(rows, await ScalarAsync("SELECT count(DISTINCT email) FROM pipeline.leads"));
        Assert.Equal(rows, await ScalarAsync("SELECT count(*) FROM pipeline.deals"));
        Assert.Equal(rows, await ScalarAsync("SELECT count(*) FROM pipeline.deal_events"));
        Assert.Equal(rows, await ScalarAsync($"SELECT created FROM pipeline.imports WHERE id = {id}"));
        Assert.Equal(0L, await ScalarAsync("SELECT count(*) FROM pipeline.stage_totals_drift()"));
    }

    private Dictionary<string, string> Env() => new(TestPostgres.HostDatabase(_database, "__"))
    {
        ["Smtp__Host"] = "127.0.0.1",
        ["Smtp__Port"] = _smtp.Port.ToString(CultureInfo.InvariantCulture),
        ["Smtp__Security"] = "None",
        ["Outbox__PollInterval"] = "00:00:00.250",
        ["Outbox__FirstRetryDelay"] = "00:00:00.100",
        ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
    };

    private async Task<long> ScalarAsync(string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        return Convert.ToInt64(await command.ExecuteScalarAsync(), CultureInfo.InvariantCulture);
    }

    private async Task<List<string>> EmailsAsync()
    {
        await using var connection = new Npgsql.NpgsqlConnection(_database);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand("SELECT email FROM identity.users", connection);
        await using var reader = await command.ExecuteReaderAsync();
        var emails = new List<string>();
        while (await reader.ReadAsync())
            emails.Add(reader.GetString(0));
        return emails;
    }

    public ValueTask DisposeAsync() => _smtp.DisposeAsync();
}
