using System.Net.Http.Headers;
using System.Text.Json;

namespace WorkshopCrm.E2E;

/// <summary>
/// Bulk data for a browser test, made through the public API (what the test is about still happens in the browser):
/// a company with many deals is tedious to click together.
/// </summary>
public sealed class ApiSetup(CrmInBrowser crm) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = crm.Host.BaseAddress };
    private string _token = "";

    public string Email { get; } = UserInBrowser.Unique("bulk");

    public async Task SignUpAsync()
    {
        var response = await _http.PostAsJsonAsync("/api/auth/register",
            new { companyName = "Oficina " + Guid.NewGuid().ToString("N")[..6], name = "Maria Souza", email = Email, password = UserInBrowser.DefaultPassword });
        response.EnsureSuccessStatusCode();
        _token = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("accessToken").GetString()!;
    }

    public async Task<long> LeadAsync(string name, string? phone = null) =>
        await PostAsync("/api/leads", new { name, email = UserInBrowser.Unique("lead"), phone });

    public async Task<long> DealAsync(long leadId, string title, decimal value) =>
        await PostAsync("/api/deals", new { leadId, title, value });

    public void Dispose() => _http.Dispose();

    private async Task<long> PostAsync(string path, object body)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, path) { Content = JsonContent.Create(body) };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _token);
        var response = await _http.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
