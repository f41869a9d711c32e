namespace WorkshopCrm.Modules.Pipeline.Tests;

internal sealed record LeadBody(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, int DealCount);

internal sealed record LeadDetailBody(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, List<LeadDealBody> Deals);

internal sealed record LeadDealBody(long Id, string Title, decimal Value, long StageId, long OwnerId, string OwnerName);

internal sealed record Ref(long Id, string Name);

internal sealed record DealLeadBody(long Id, string Name, string Email, string? Phone);

internal sealed record DealBody(long Id, string Title, decimal Value, DealLeadBody Lead, Ref Owner, Ref Stage, string? LossReason, int SortOrder, uint Version);

internal sealed record NextActivityBody(long Id, long TypeId, DateOnly DueDate, string? DueTime, bool Overdue);

internal sealed record CardBody(long Id, string Title, decimal Value, long LeadId, string LeadName, long OwnerId, string OwnerName, long StageId, int SortOrder, int DaysInStage, string? LossReason = null, NextActivityBody? NextActivity = null);

internal sealed record ActivityDealBody(long Id, string Title);

internal sealed record ActivityLeadBody(long Id, string Name, string? Phone);

internal sealed record ActivityBody(
    long Id, Ref Type, string Subject, string? Notes, DateOnly DueDate, string? DueTime, int? DurationMinutes, bool Done, DateTimeOffset? DoneAt,
    Ref? DoneBy, string? Outcome, bool Overdue, ActivityDealBody? Deal, ActivityLeadBody Lead, Ref Owner);

internal sealed record StageBody(long Id, string Name, int SortOrder, bool IsTerminal);

internal sealed record ColumnBody(StageBody Stage, int TotalCount, decimal TotalValue, List<CardBody> Deals, string? NextCursor);

internal sealed record BoardBody(List<ColumnBody> Columns)
{
    public ColumnBody Column(long stageId) => Columns.Single(c => c.Stage.Id == stageId);
}

internal sealed record PageBody<T>(List<T> Items, int Page, int PageSize, int Total);

internal sealed record NoteBody(long Id, string Body, Ref Author, DateTimeOffset CreatedAt);

/// <summary>Pipeline test data, made through the API as a user would.</summary>
internal static class PipelineGiven
{
    public static async Task<LeadBody> ALeadAsync(this Account account, string? name = null, string? email = null, string? phone = null, long? ownerId = null)
    {
        var response = await account.SendAsync(HttpMethod.Post, "/api/leads",
            new { name = name ?? "Lia Cliente", email = email ?? Given.UniqueEmail("lead"), phone, ownerId });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<LeadBody>())!;
    }

    public static async Task<DealBody> ADealAsync(this Account account, long leadId, string title = "Revisão completa", decimal value = 1500.50m,
        long? stageId = null, long? ownerId = null, string? lossReason = null)
    {
        var response = await account.SendAsync(HttpMethod.Post, "/api/deals", new { leadId, title, value, stageId, ownerId, lossReason });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<DealBody>())!;
    }

    public static async Task<DealBody> ADealAsync(this Account account, string title = "Revisão completa", decimal value = 1500.50m, long? stageId = null)
    {
        var lead = await account.ALeadAsync();
        return await account.ADealAsync(lead.Id, title, value, stageId);
    }


    /// <summary>An activity scheduled through the API (today in São Paulo unless a date is given).</summary>
    public static async Task<ActivityBody> AnActivityAsync(this Account account, long? dealId = null, long? leadId = null, string subject = "Ligar para confirmar",
        DateOnly? dueDate = null, string? dueTime = null, long typeId = 1, long? ownerId = null, int? durationMinutes = null)
    {
        var response = await account.SendAsync(HttpMethod.Post, "/api/activities", new
        {
            typeId, subject, dueDate = (dueDate ?? SaoPauloToday()).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture),
            dueTime, durationMinutes, leadId, dealId, ownerId,
        });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<ActivityBody>())!;
    }

    public static Task<PageBody<ActivityBody>> ActivitiesAsync(this Account account, string query = "") =>
        account.SendAsync(HttpMethod.Get, "/api/activities" + query).ReadAsync<PageBody<ActivityBody>>();

    /// <summary>The company's day now, as Pipeline:TimeZone (São Paulo, UTC-3 all year) sees it.</summary>
    public static DateOnly SaoPauloToday() =>
        DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("America/Sao_Paulo")).DateTime);

    public static Task<BoardBody> BoardAsync(this Account account, string query = "") =>
        account.SendAsync(HttpMethod.Get, "/api/pipeline/board" + query).ReadAsync<BoardBody>();

    public static Task<HttpResponseMessage> MoveAsync(this Account account, long dealId, long stageId, long? beforeDealId = null, long? afterDealId = null, string? lossReason = null) =>
        account.SendAsync(HttpMethod.Post, $"/api/deals/{dealId}/move", new { stageId, beforeDealId, afterDealId, lossReason });
}
