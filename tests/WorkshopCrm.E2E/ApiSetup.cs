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

    public Task<long> LeadAsync(string name, string? phone = null, string? email = null) =>
        PostAsync("/api/leads", new { name, email = email ?? UserInBrowser.Unique("lead"), phone });

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

    /// <summary>Moves a deal to <paramref name="stage"/> (the end of its column); Lost needs <paramref name="lossReason"/>.</summary>
    public async Task MoveAsync(long dealId, string stage, string? lossReason = null) =>
        await SendOkAsync(HttpMethod.Post, $"/api/deals/{dealId}/move", new { stageId = await StageIdAsync(stage), lossReason });

    /// <summary>Changes a deal's value, keeping its title (PUT with the version it has now).</summary>
    public async Task ChangeValueAsync(long dealId, decimal value)
    {
        var deal = JsonDocument.Parse(await SendOkAsync(HttpMethod.Get, $"/api/deals/{dealId}")).RootElement;
        await SendOkAsync(HttpMethod.Put, $"/api/deals/{dealId}", new { title = deal.GetProperty("title").GetString(), value, version = deal.GetProperty("version").GetInt64() });
    }

    public Task NoteAsync(long dealId, string body) => SendOkAsync(HttpMethod.Post, $"/api/deals/{dealId}/notes", new { body });

    /// <summary>
    /// Connects the company's WhatsApp as its owner would: a QR is asked for and the company phone
    /// (<paramref name="phone"/>) scans it in the simulator. Returns the gateway's instance, for the simulator's phone.
    /// </summary>
    public async Task<string> ConnectWhatsAppAsync(string phone)
    {
        await SendOkAsync(HttpMethod.Post, "/api/whatsapp/connection");
        var connection = JsonDocument.Parse(await SendOkAsync(HttpMethod.Get, "/api/whatsapp/connection")).RootElement;
        var instance = connection.GetProperty("instanceName").GetString()!;
        await crm.WhatsApp.ScanAsync(instance, phone);
        return instance;
    }

    /// <summary>A WhatsApp text to a lead, sent from the CRM (POST /api/leads/{id}/whatsapp).</summary>
    public Task WhatsAppAsync(long leadId, string text) => SendOkAsync(HttpMethod.Post, $"/api/leads/{leadId}/whatsapp", new { text });

    /// <summary>
    /// A Salesperson of this company, hired as the API allows: the owner verifies its e-mail from the sign-up mail,
    /// invites, and the invitation's token is accepted. Returns the new colleague's e-mail (its password is this one's).
    /// </summary>
    public async Task<string> SalespersonAsync(string name)
    {
        var verify = new Uri(await crm.LinkInMailAsync(Email, "/verify-email"));
        var token = System.Web.HttpUtility.ParseQueryString(verify.Query)["token"];
        // The mail leaves inside the consumer's transaction, before the token row commits: a test faster than any person
        // can present the link a moment too early, so it tries again until the token is there.
        await Eventually.TrueAsync(async () => (await _http.PostAsJsonAsync("/api/auth/verify-email", new { token })).IsSuccessStatusCode,
            "the verification link to be accepted");
        var email = UserInBrowser.Unique("vendedor");
        await PostAsync("/api/invitations", new { email });
        var invite = new Uri(await crm.LinkInMailAsync(email, "/invite/"));
        var accepted = await _http.PostAsJsonAsync($"/api/invitations/by-token/{invite.Segments[^1]}/accept", new { name, password = Password });
        Assert.True(accepted.IsSuccessStatusCode, $"accept: {(int)accepted.StatusCode} {await accepted.Content.ReadAsStringAsync()}");
        return email;
    }

    /// <summary>How many entries the company's audit log has (GET /api/audit): what reaches it through an outbox arrives a moment later.</summary>
    public async Task<int> AuditEntriesAsync() =>
        JsonDocument.Parse(await SendOkAsync(HttpMethod.Get, "/api/audit")).RootElement.GetProperty("total").GetInt32();

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

    private async Task<long> PostAsync(string path, object body) =>
        JsonDocument.Parse(await SendOkAsync(HttpMethod.Post, path, body)).RootElement.GetProperty("id").GetInt64();

    private async Task<string> SendOkAsync(HttpMethod method, string path, object? body = null)
    {
        var response = await _account.SendAsync(method, path, body);
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.IsSuccessStatusCode, $"{method} {path}: {(int)response.StatusCode} {text}");
        return text;
    }
}
