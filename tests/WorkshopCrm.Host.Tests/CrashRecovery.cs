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
        _database = await TestPostgres.CreateDatabaseAsync("crash");
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
        return (long)(await command.ExecuteScalarAsync())!;
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
