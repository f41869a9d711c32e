using System.Text.Json;

namespace WorkshopCrm.E2E;

/// <summary>
/// Bulk data for a browser test, made through the public API with the project's own builders (what the test is about
/// still happens in the browser): a company with many deals is tedious to click together.
/// </summary>
public sealed class ApiSetup(CrmInBrowser crm) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = crm.Host.BaseAddress };
    private readonly Dictionary<string, long> _stages = [];
    private Account _account = null!;

    public string Email => _account.Email;
    public string Password => _account.Password;

    public async Task SignUpAsync() => _account = await Given.ACompanyAsync(_http, UserInBrowser.Unique("bulk"));

    public Task<long> LeadAsync(string name, string? phone = null) =>
        PostAsync("/api/leads", new { name, email = UserInBrowser.Unique("lead"), phone });

    /// <summary>A deal of <paramref name="leadId"/>, in New Lead unless <paramref name="stage"/> names another stage.</summary>
    public async Task<long> DealAsync(long leadId, string title, decimal value, string? stage = null) =>
        await PostAsync("/api/deals", new { leadId, title, value, stageId = stage is null ? (long?)null : await StageIdAsync(stage) });

    /// <summary>
    /// An activity on a deal (which names its lead) or on a lead alone. Type ids are the seeded ones: 1 Call,
    /// 2 WhatsApp, 3 Meeting, 4 E-mail, 5 Visit, 6 Task. <paramref name="dueTime"/> null is all day.
    /// </summary>
    public Task<long> ActivityAsync(string subject, DateOnly dueDate, TimeOnly? dueTime = null, long? dealId = null, long? leadId = null, int typeId = 1) =>
        PostAsync("/api/activities", new
        {
            typeId,
            subject,
            dueDate = dueDate.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            dueTime = dueTime?.ToString("HH:mm", System.Globalization.CultureInfo.InvariantCulture),
            dealId,
            leadId,
        });

    /// <summary>Whether the server has the activity as done (GET /api/activities/{id}).</summary>
    public async Task<bool> IsDoneAsync(long activityId)
    {
        var response = await _account.SendAsync(HttpMethod.Get, $"/api/activities/{activityId}");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"GET /api/activities/{activityId}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("done").GetBoolean();
    }

    public void Dispose() => _http.Dispose();

    private async Task<long> StageIdAsync(string name)
    {
        if (_stages.Count == 0)
        {
            var response = await _account.SendAsync(HttpMethod.Get, "/api/pipeline/stages");
            foreach (var stage in JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.EnumerateArray())
                _stages[stage.GetProperty("name").GetString()!] = stage.GetProperty("id").GetInt64();
        }

        return _stages[name];
    }

    private async Task<long> PostAsync(string path, object body)
    {
        var response = await _account.SendAsync(HttpMethod.Post, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{path}: {(int)response.StatusCode} {text}");
        return JsonDocument.Parse(text).RootElement.GetProperty("id").GetInt64();
    }
}
