using System.Net;
using System.Net.Http.Headers;

namespace WorkshopCrm.Host.Tests;

/// <summary>Issue 20: two real Host processes on one database keep the promises one keeps.</summary>
public sealed class SeveralInstances
{
    [Fact]
    public async Task A_sign_in_ended_on_one_instance_is_refused_by_the_other_within_a_second()
    {
        var database = await TestPostgres.CreateDatabaseAsync("instances");
        var env = new Dictionary<string, string>(TestPostgres.HostDatabase(database, "__"))
        {
            ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
            ["Identity__SessionCheckCache"] = "00:01:00", // a minute: only the notification can explain a refusal within a second
        };
        // each Host is stopped on every path out of the test (the test run fails on a process left running)
        await using var a = await HostProcess.StartAsync(env);
        await using var b = await HostProcess.StartAsync(env);
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };

        var email = Given.UniqueEmail();
        Assert.Equal(HttpStatusCode.Created, (await onA.PostAsJsonAsync("/api/auth/register", new { companyName = "Duas", name = "Ana", email, password = Given.GoodPassword })).StatusCode);
        var laptop = await SignInAsync(onA, email);
        var phone = await SignInAsync(onA, email);
        Assert.Equal(HttpStatusCode.OK, await MeAsync(onB, laptop)); // B now holds "the laptop's sign-in stands" for a minute

        using var change = new HttpRequestMessage(HttpMethod.Post, "/api/me/password")
        {
            Content = JsonContent.Create(new { currentPassword = Given.GoodPassword, newPassword = "another horse battery staple" }),
        };
        change.Headers.Authorization = new AuthenticationHeaderValue("Bearer", phone);
        Assert.Equal(HttpStatusCode.NoContent, (await onA.SendAsync(change)).StatusCode); // ends every other sign-in, the laptop's too

        await Eventually.TrueAsync(async () => await MeAsync(onB, laptop) == HttpStatusCode.Unauthorized,
            "instance B to refuse the laptop's token", TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, await MeAsync(onB, phone));
    }

    [Fact]
    public async Task The_per_account_sign_in_limit_holds_across_instances()
    {
        var database = await TestPostgres.CreateDatabaseAsync("instanceslimit");
        var env = new Dictionary<string, string>(TestPostgres.HostDatabase(database, "__"))
        {
            ["RateLimits__Auth__PerIpPermitLimit"] = "100000",
            ["RateLimits__Auth__PerEmailPermitLimit"] = "10",
        };
        // each Host is stopped on every path out of the test (the test run fails on a process left running)
        await using var a = await HostProcess.StartAsync(env);
        await using var b = await HostProcess.StartAsync(env);
        using var onA = new HttpClient { BaseAddress = a.BaseAddress };
        using var onB = new HttpClient { BaseAddress = b.BaseAddress };
        var email = Given.UniqueEmail();
        Assert.Equal(HttpStatusCode.Created, (await onA.PostAsJsonAsync("/api/auth/register", new { companyName = "Limite", name = "Ana", email, password = Given.GoodPassword })).StatusCode);

        // Twelve wrong passwords, alternating between the instances: each instance alone saw six, under its limit of ten.
        var answers = new List<HttpResponseMessage>();
        for (var i = 0; i < 12; i++)
            answers.Add(await (i % 2 == 0 ? onA : onB).PostAsJsonAsync("/api/auth/login", new { email, password = $"wrong password {i}", rememberMe = false }));

        Assert.All(answers.Take(10), a => Assert.Equal(HttpStatusCode.Unauthorized, a.StatusCode));
        Assert.All(answers.Skip(10), a => Assert.Equal(HttpStatusCode.TooManyRequests, a.StatusCode));
        Assert.True(answers[^1].Headers.RetryAfter?.Delta > TimeSpan.Zero, "a 429 says when to try again");
        // the right password is refused too while the account is locked, on either instance
        var right = await onB.PostAsJsonAsync("/api/auth/login", new { email, password = Given.GoodPassword, rememberMe = false });
        Assert.Equal(HttpStatusCode.TooManyRequests, right.StatusCode);
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
}
