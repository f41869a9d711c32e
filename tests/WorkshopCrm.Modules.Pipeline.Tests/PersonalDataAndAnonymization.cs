using System.Globalization;
using System.Text.Json;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>
/// Issue 19, LGPD: for one lead a Business Owner gets everything held about the person as JSON, and can anonymize it
/// (name, e-mail, phone and free text replaced; deals kept for the numbers; typed confirmation), in one transaction,
/// live on open boards.
/// </summary>
public sealed class PersonalDataAndAnonymization(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    /// <summary>What identifies the arranged person, wherever it might have been written.</summary>
    private static readonly string[] Traces = ["beatriz", "figueiredo", "98765-4321", "5511987654321"];

    [Fact]
    public async Task The_personal_data_file_holds_the_lead_its_deals_notes_activities_history_and_whatsapp_times_and_nothing_of_another_lead()
    {
        var (owner, person) = await APersonAsync();

        var response = await owner.SendAsync(HttpMethod.Get, $"/api/leads/{person.LeadId}/personal-data");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        Assert.EndsWith(".json", response.Content.Headers.ContentDisposition?.FileName?.Trim('"'), StringComparison.Ordinal);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        Assert.Equal(("Ana Beatriz Figueiredo", person.Email, "+55 11 98765-4321"),
            (root.GetProperty("lead").GetProperty("name").GetString(), root.GetProperty("lead").GetProperty("email").GetString(), root.GetProperty("lead").GetProperty("phone").GetString()));
        var deals = root.GetProperty("deals").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetInt64());
        Assert.Equal([person.WonDealId, person.LostDealId, person.PricedOutDealId], deals.Keys);
        var won = deals[person.WonDealId];
        Assert.Equal(("Revisão completa da Ana Figueiredo", 1500.50m, "Won", "won"),
            (won.GetProperty("title").GetString(), won.GetProperty("value").GetDecimal(), won.GetProperty("stage").GetProperty("name").GetString(), won.GetProperty("status").GetString()));
        Assert.Equal(("lost", "Ana Beatriz achou caro"), (deals[person.LostDealId].GetProperty("status").GetString(), deals[person.LostDealId].GetProperty("lossReason").GetString()));
        Assert.Equal("Ana prefere ligação à tarde", Assert.Single(won.GetProperty("notes").EnumerateArray()).GetProperty("body").GetString());
        var kinds = won.GetProperty("timeline").EnumerateArray().Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal(["activity_completed", "stage_changed", "note_added", "title_changed", "created"], kinds);
        var activity = Assert.Single(root.GetProperty("activities").EnumerateArray());
        Assert.Equal(("Ligar para Ana Beatriz", "Celular dela: 98765-4321", "Ana confirmou a revisão"),
            (activity.GetProperty("subject").GetString(), activity.GetProperty("notes").GetString(), activity.GetProperty("outcome").GetString()));
        Assert.Equal("5511987654321", root.GetProperty("whatsApp").GetProperty("phone").GetString());
        Assert.DoesNotContain("Outro Cliente", root.GetRawText(), StringComparison.Ordinal);
        Assert.DoesNotContain("Frota do outro", root.GetRawText(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Another_companys_lead_is_not_found()
    {
        var (_, person) = await APersonAsync();
        var stranger = await app.ACompanyAsync();

        var data = await stranger.SendAsync(HttpMethod.Get, $"/api/leads/{person.LeadId}/personal-data");
        var anonymize = await stranger.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "Ana Beatriz Figueiredo" });

        Assert.Equal((HttpStatusCode.NotFound, HttpStatusCode.NotFound), (data.StatusCode, anonymize.StatusCode));
    }

    [Fact]
    public async Task A_salesperson_may_neither_take_out_nor_anonymize_even_its_own_lead()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await seller.ALeadAsync("Lia Cliente");

        var data = await seller.SendAsync(HttpMethod.Get, $"/api/leads/{lead.Id}/personal-data");
        var anonymize = await seller.SendAsync(HttpMethod.Post, $"/api/leads/{lead.Id}/anonymize", new { confirm = "Lia Cliente" });

        Assert.Equal((HttpStatusCode.Forbidden, HttpStatusCode.Forbidden), (data.StatusCode, anonymize.StatusCode));
    }

    [Fact]
    public async Task Anonymizing_with_another_name_typed_is_a_400_naming_confirm_and_changes_nothing()
    {
        var (owner, person) = await APersonAsync();
        var before = await DataTextAsync(owner, person.LeadId);

        var response = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "Ana Figueiredo" });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal((400, "lead.confirm_mismatch"), (problem.Status, problem.Code));
        Assert.Contains("confirm", problem.Errors.Keys);
        Assert.Equal(Without(before, "exportedAt"), Without(await DataTextAsync(owner, person.LeadId), "exportedAt"));
    }

    [Fact]
    public async Task Anonymizing_replaces_the_person_everywhere_and_keeps_the_deals_numbers()
    {
        var (owner, person) = await APersonAsync();
        var today = PipelineGiven.SaoPauloToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var outcomesBefore = await OutcomesAsync(owner, today);

        var lead = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "  ana beatriz FIGUEIREDO " })
            .ReadAsync<LeadDetailBody>();

        Assert.Equal(($"Anonimizado #{person.LeadId}", $"anon-{person.LeadId}@anonimizado.invalid", (string?)null), (lead.Name, lead.Email, lead.Phone));
        Assert.All(lead.Deals, d => Assert.Equal($"Negócio #{d.Id}", d.Title));
        foreach (var trace in Traces)
            Assert.Equal(0L, await RowsMentioningAsync(owner.TenantId, trace));
        Assert.Equal(0L, await RowsMentioningAsync(owner.TenantId, person.Email));
        var data = await DataTextAsync(owner, person.LeadId);
        Assert.All(Traces, trace => Assert.DoesNotContain(trace, data, StringComparison.OrdinalIgnoreCase));
        Assert.Contains("[removido]", data, StringComparison.Ordinal);
        // The numbers stay: values, stages, the reason that does not name the person, the reports.
        var deals = JsonDocument.Parse(data).RootElement.GetProperty("deals").EnumerateArray().ToDictionary(d => d.GetProperty("id").GetInt64());
        Assert.Equal((1500.50m, "won"), (deals[person.WonDealId].GetProperty("value").GetDecimal(), deals[person.WonDealId].GetProperty("status").GetString()));
        Assert.Equal(("[removido]", "Preço alto"), (deals[person.LostDealId].GetProperty("lossReason").GetString(), deals[person.PricedOutDealId].GetProperty("lossReason").GetString()));
        var outcomesAfter = await OutcomesAsync(owner, today);
        Assert.Equal((outcomesBefore.Total.Won, outcomesBefore.Total.Lost), (outcomesAfter.Total.Won, outcomesAfter.Total.Lost));
        Assert.Equal((1, 1500.50m), (outcomesAfter.Total.Won.Count, outcomesAfter.Total.Won.Value));
        Assert.Equal(1500.50m, (await owner.BoardAsync()).Column(6).TotalValue);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.whatsapp_conversations WHERE tenant_id = @p0", owner.TenantId));
        Assert.Contains("Frota do outro", await DataTextAsync(owner, person.OtherLeadId), StringComparison.Ordinal); // the other lead is untouched
    }

    [Fact]
    public async Task An_open_board_hears_that_the_persons_deals_changed()
    {
        var (owner, person) = await APersonAsync();
        await app.EventsSettledAsync();
        await using var stream = await EventStream.OpenAsync(owner);

        await owner.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "Ana Beatriz Figueiredo" });

        var updated = await stream.NextAsync("deal.updated");
        Assert.Contains(updated.GetProperty("dealId").GetInt64(), new[] { person.WonDealId, person.LostDealId, person.PricedOutDealId });
    }

    [Fact]
    public async Task Anonymizing_twice_is_harmless()
    {
        var (owner, person) = await APersonAsync();
        var first = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "Ana Beatriz Figueiredo" })
            .ReadAsync<LeadDetailBody>();

        var second = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{person.LeadId}/anonymize", new { confirm = "Ana Beatriz Figueiredo" })
            .ReadAsync<LeadDetailBody>();

        Assert.Equal((first.Name, first.Email), (second.Name, second.Email));
        await app.EventsSettledAsync();
        Assert.Equal(1L, await app.ScalarAsync<long>(
            "SELECT count(*) FROM pipeline.outbox_messages WHERE type LIKE '%AuditRecorded%' AND payload->>'action' = 'anonymize' AND (payload->>'tenantId')::bigint = @p0", owner.TenantId));
    }

    private sealed record Person(long LeadId, string Email, long WonDealId, long LostDealId, long PricedOutDealId, long OtherLeadId);

    /// <summary>
    /// A company with a person written all over it: a deal renamed after them and won, with a note and a completed
    /// activity; a deal lost for a reason naming them, another for a reason that does not; WhatsApp times for their
    /// phone; and another lead of the same company.
    /// </summary>
    private async Task<(Account Owner, Person Person)> APersonAsync()
    {
        var owner = await app.ACompanyAsync();
        var email = Given.UniqueEmail("ana.beatriz.figueiredo");
        var lead = await owner.ALeadAsync("Ana Beatriz Figueiredo", email, "+55 11 98765-4321");
        var won = await owner.ADealAsync(lead.Id, "Revisão da Ana", 1500.50m);
        await owner.SendAsync(HttpMethod.Put, $"/api/deals/{won.Id}", new { title = "Revisão completa da Ana Figueiredo", value = 1500.50m, version = won.Version })
            .ReadAsync<DealBody>();
        await owner.SendAsync(HttpMethod.Post, $"/api/deals/{won.Id}/notes", new { body = "Ana prefere ligação à tarde" }).ReadAsync<NoteBody>(HttpStatusCode.Created);
        var activity = await owner.SendAsync(HttpMethod.Post, "/api/activities", new
        {
            typeId = 1, subject = "Ligar para Ana Beatriz", notes = "Celular dela: 98765-4321", dueDate = PipelineGiven.SaoPauloToday().ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            dealId = won.Id,
        }).ReadAsync<ActivityBody>(HttpStatusCode.Created);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(won.Id, 6)).StatusCode);
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { outcome = "Ana confirmou a revisão" }).ReadAsync<ActivityBody>();
        var lost = await owner.ADealAsync(lead.Id, "Troca de óleo", 200m);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(lost.Id, 7, lossReason: "Ana Beatriz achou caro")).StatusCode);
        var pricedOut = await owner.ADealAsync(lead.Id, "Alinhamento", 100m);
        Assert.Equal(HttpStatusCode.OK, (await owner.MoveAsync(pricedOut.Id, 7, lossReason: "Preço alto")).StatusCode);
        // The WhatsApp times of the phone, as the consumer of WhatsAppMessageSeen keeps them (the gateway is not part of this test).
        await app.ExecuteAsync("INSERT INTO pipeline.whatsapp_conversations (tenant_id, phone, last_in_at) VALUES (@p0, '5511987654321', now())", owner.TenantId);
        var other = await owner.ALeadAsync("Outro Cliente");
        await owner.ADealAsync(other.Id, "Frota do outro", 900m);
        return (owner, new Person(lead.Id, email, won.Id, lost.Id, pricedOut.Id, other.Id));
    }

    private static async Task<string> DataTextAsync(Account owner, long leadId)
    {
        var response = await owner.SendAsync(HttpMethod.Get, $"/api/leads/{leadId}/personal-data");
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, text);
        return text;
    }

    private static string Without(string json, string property)
    {
        var node = System.Text.Json.Nodes.JsonNode.Parse(json)!.AsObject();
        node.Remove(property);
        return node.ToJsonString();
    }

    private static Task<OutcomesBody> OutcomesAsync(Account owner, string day) =>
        owner.SendAsync(HttpMethod.Get, $"/api/reports/outcomes?from={day}&to={day}").ReadAsync<OutcomesBody>();

    /// <summary>Rows of the company, in every Pipeline table that holds something of a lead, whose text contains <paramref name="text"/> (read as the owner, beyond RLS).</summary>
    private Task<long> RowsMentioningAsync(long tenantId, string text) => app.ScalarAsync<long>(
        """
        SELECT (SELECT count(*) FROM pipeline.leads t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
             + (SELECT count(*) FROM pipeline.deals t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
             + (SELECT count(*) FROM pipeline.deal_notes t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
             + (SELECT count(*) FROM pipeline.activities t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
             + (SELECT count(*) FROM pipeline.deal_events t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
             + (SELECT count(*) FROM pipeline.whatsapp_conversations t WHERE t.tenant_id = @p0 AND t::text ILIKE '%' || @p1 || '%')
        """, tenantId, text);
}
