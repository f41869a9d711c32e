namespace WorkshopCrm.Modules.WhatsApp.Tests;

/// <summary>WhatsApp inside the deal (issue 18): the lead's conversation, awaiting reply, saved replies, chats that know the CRM.</summary>
[Collection(WhatsAppWorld.Collection)]
public sealed class InTheDeal(WhatsAppWorld world)
{
    private static async Task<(long LeadId, long DealId)> ALeadWithADealAsync(User owner, string name, string? phone)
    {
        var lead = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name, email = Given.UniqueEmail("lead"), phone });
        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        var leadId = JsonDocument.Parse(await lead.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var deal = await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId, title = "Revisão da frota", value = 1000m });
        Assert.Equal(HttpStatusCode.Created, deal.StatusCode);
        return (leadId, JsonDocument.Parse(await deal.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64());
    }

    private static async Task<JsonElement> CardAsync(User owner, long dealId) =>
        (await owner.GetJsonAsync("/api/pipeline/board")).GetProperty("columns").EnumerateArray()
            .SelectMany(c => c.GetProperty("deals").EnumerateArray()).Single(d => d.GetProperty("id").GetInt64() == dealId);

    [Fact]
    public async Task The_leads_conversation_reads_and_replies_and_the_card_says_when_the_lead_is_waiting()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        var (leadId, dealId) = await ALeadWithADealAsync(owner, "Lia Cliente", "+55 11 98888-1111");

        await world.Gateway.IncomingAsync(instance, "5511988881111", "Vocês fazem revisão aos sábados?", "Lia");

        var messages = (await owner.GetJsonAsync($"/api/leads/{leadId}/whatsapp")).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal("Vocês fazem revisão aos sábados?", Assert.Single(messages).GetProperty("text").GetString());
        await Eventually.TrueAsync(async () => (await CardAsync(owner, dealId)).GetProperty("awaitingReplySince").ValueKind == JsonValueKind.String,
            "the card to say the lead is waiting");

        var reply = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{leadId}/whatsapp", new { text = "Fazemos sim, das 8h às 12h." });

        Assert.Equal(HttpStatusCode.Accepted, reply.StatusCode);
        Assert.Contains(("5511988881111", "Fazemos sim, das 8h às 12h."), world.Gateway.SentMessages);
        await Eventually.TrueAsync(async () => (await CardAsync(owner, dealId)).GetProperty("awaitingReplySince").ValueKind == JsonValueKind.Null,
            "the card to stop waiting once answered");
        var kinds = (await owner.GetJsonAsync($"/api/deals/{dealId}/timeline")).GetProperty("items").EnumerateArray()
            .Select(e => e.GetProperty("kind").GetString()).ToList();
        Assert.Equal("whatsapp_out", kinds[0]);
        Assert.Contains("whatsapp_in", kinds); // WhatsApp's times are whole seconds: it may sort before the deal's creation
    }

    [Fact]
    public async Task A_lead_given_a_waiting_phone_waits_too_and_a_lead_whose_phone_changes_stops_waiting()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        var (firstLead, firstDeal) = await ALeadWithADealAsync(owner, "Rui Primeiro", "(71) 98654-7720");
        await world.Gateway.IncomingAsync(instance, "5571986547720", "Ainda tem horário hoje?", "Rui");
        await Eventually.TrueAsync(async () => (await CardAsync(owner, firstDeal)).GetProperty("awaitingReplySince").ValueKind == JsonValueKind.String,
            "the first lead's card to wait");

        var (_, laterDeal) = await ALeadWithADealAsync(owner, "Rui Segundo", "+55 71 98654-7720"); // the same phone, written otherwise
        Assert.Equal(JsonValueKind.String, (await CardAsync(owner, laterDeal)).GetProperty("awaitingReplySince").ValueKind);

        var moved = await owner.SendAsync(HttpMethod.Put, $"/api/leads/{firstLead}", new { name = "Rui Primeiro", email = Given.UniqueEmail("lead"), phone = "(71) 99999-0000" });
        Assert.Equal(HttpStatusCode.OK, moved.StatusCode);
        Assert.Equal(JsonValueKind.Null, (await CardAsync(owner, firstDeal)).GetProperty("awaitingReplySince").ValueKind);
        Assert.Equal(JsonValueKind.String, (await CardAsync(owner, laterDeal)).GetProperty("awaitingReplySince").ValueKind);
    }

    [Fact]
    public async Task A_lead_without_a_phone_says_so_and_another_companys_or_another_sellers_lead_is_not_there()
    {
        var owner = await world.ACompanyAsync();
        await world.ConnectAsync(owner);
        var (withoutPhone, _) = await ALeadWithADealAsync(owner, "Sem Telefone", null);
        var (ownersLead, _) = await ALeadWithADealAsync(owner, "Da Dona", "+55 11 97777-1111");
        var seller = await world.ASalespersonAsync(owner);
        var stranger = await world.ACompanyAsync();

        var noPhone = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Get, $"/api/leads/{withoutPhone}/whatsapp"));
        var empty = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, $"/api/leads/{ownersLead}/whatsapp", new { text = "  " }));

        Assert.Equal((409, "whatsapp.lead_without_phone"), (noPhone.Status, noPhone.Code));
        Assert.Equal(400, empty.Status);
        Assert.Contains("text", empty.Errors.Keys);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Get, $"/api/leads/{ownersLead}/whatsapp")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Post, $"/api/leads/{ownersLead}/whatsapp", new { text = "oi" })).StatusCode);
        Assert.DoesNotContain(world.Gateway.SentMessages, m => m.Item1 == "5511977771111");
    }

    [Fact]
    public async Task A_saved_reply_fills_in_the_lead_the_company_and_the_seller_and_only_a_business_owner_writes_them()
    {
        var owner = await world.ACompanyAsync();
        await world.ConnectAsync(owner);
        var (leadId, _) = await ALeadWithADealAsync(owner, "Lia Cliente", "+55 11 98888-2222");
        var seller = await world.ASalespersonAsync(owner);
        var stranger = await world.ACompanyAsync();

        var unknown = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/templates", new { name = "Ruim", body = "Olá {{cliente}}" }));
        var bySeller = await seller.SendAsync(HttpMethod.Post, "/api/whatsapp/templates", new { name = "Oi", body = "Oi" });
        var created = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/templates",
            new { name = "Orçamento", body = "Olá, {{nome}}! Aqui é {{vendedor}}, da {{ empresa }}. Seu orçamento está pronto." });
        var templateId = JsonDocument.Parse(await created.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetInt64();
        var company = (await owner.GetJsonAsync("/api/me")).GetProperty("tenant").GetProperty("name").GetString();

        var sent = await owner.SendAsync(HttpMethod.Post, $"/api/leads/{leadId}/whatsapp", new { templateId });

        Assert.Equal((400, "whatsapp.template_variable_unknown"), (unknown.Status, unknown.Code));
        Assert.Contains("body", unknown.Errors.Keys);
        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, sent.StatusCode);
        Assert.Contains(("5511988882222", $"Olá, Lia Cliente! Aqui é Dona, da {company}. Seu orçamento está pronto."), world.Gateway.SentMessages);
        Assert.Single((await seller.GetJsonAsync("/api/whatsapp/templates")).EnumerateArray());
        Assert.Empty((await stranger.GetJsonAsync("/api/whatsapp/templates")).EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Put, $"/api/whatsapp/templates/{templateId}", new { name = "x", body = "y" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.SendAsync(HttpMethod.Delete, $"/api/whatsapp/templates/{templateId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, $"/api/whatsapp/templates/{templateId}")).StatusCode);
    }

    [Fact]
    public async Task A_chat_with_a_leads_phone_names_the_lead_and_its_open_deals()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        var (leadId, dealId) = await ALeadWithADealAsync(owner, "Caio Cliente", "(11) 96666-3333");
        await world.Gateway.IncomingAsync(instance, "5511966663333", "Bom dia", "Caio do WhatsApp");
        await world.Gateway.IncomingAsync(instance, "5511955550000", "Quem fala?", "Desconhecido");

        var chats = (await owner.GetJsonAsync("/api/whatsapp/chats")).GetProperty("items").EnumerateArray().ToList();

        var known = chats.Single(c => c.GetProperty("phone").GetString() == "5511966663333");
        Assert.Equal((leadId, "Caio Cliente", "Caio do WhatsApp"), (known.GetProperty("lead").GetProperty("id").GetInt64(),
            known.GetProperty("lead").GetProperty("name").GetString(), known.GetProperty("name").GetString()));
        Assert.Equal([dealId], known.GetProperty("lead").GetProperty("openDeals").EnumerateArray().Select(d => d.GetProperty("id").GetInt64()));
        Assert.Equal(JsonValueKind.Null, chats.Single(c => c.GetProperty("phone").GetString() == "5511955550000").GetProperty("lead").ValueKind);
    }
}
