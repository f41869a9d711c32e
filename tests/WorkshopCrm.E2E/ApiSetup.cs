using System.Text.Json;

namespace WorkshopCrm.E2E;

/// <summary>
/// Bulk data for a browser test, made through the public API with the project's own builders (what the test is about
/// still happens in the browser): a company with many deals is tedious to click together.
/// </summary>
public sealed class ApiSetup(CrmInBrowser crm) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = crm.Host.BaseAddress };
    private Account _account = null!;

    public string Email => _account.Email;
    public string Password => _account.Password;

    public async Task SignUpAsync() => _account = await Given.ACompanyAsync(_http, UserInBrowser.Unique("bulk"));

    public Task<long> LeadAsync(string name, string? phone = null) =>
        PostAsync("/api/leads", new { name, email = UserInBrowser.Unique("lead"), phone });

    public Task<long> DealAsync(long leadId, string title, decimal value) =>
        PostAsync("/api/deals", new { leadId, title, value });

    public void Dispose() => _http.Dispose();

    private async Task<long> PostAsync(string path, object body)
    {
        var response = await _account.SendAsync(HttpMethod.Post, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
