using EvolutionSimulator;

namespace WorkshopCrm.Modules.WhatsApp.Tests;

[Collection(WhatsAppWorld.Collection)]
public sealed class Chatting(WhatsAppWorld world)
{
    [Fact]
    public async Task Chats_and_messages_come_from_the_gateway_with_lid_chats_shown_by_phone()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        await world.Gateway.IncomingAsync(instance, "5511988887777", "Oi, tudo bem?", "Ana");
        await world.Gateway.IncomingAsync(instance, "5511955554444", "Sou LID", "Bia", lid: true);

        var chats = (await owner.GetJsonAsync("/api/whatsapp/chats")).GetProperty("items").EnumerateArray().ToList();
        var ana = chats.Single(c => c.GetProperty("phone").GetString() == "5511988887777");
        var messages = (await owner.GetJsonAsync($"/api/whatsapp/chats/{Uri.EscapeDataString(ana.GetProperty("remoteJid").GetString()!)}/messages"))
            .GetProperty("items").EnumerateArray().ToList();

        Assert.Contains(chats, c => c.GetProperty("phone").GetString() == "5511955554444" && c.GetProperty("remoteJid").GetString()!.EndsWith("@lid", StringComparison.Ordinal));
        Assert.Equal("Ana", ana.GetProperty("name").GetString());
        var message = Assert.Single(messages);
        Assert.Equal(("Oi, tudo bem?", false), (message.GetProperty("text").GetString(), message.GetProperty("fromMe").GetBoolean()));
    }

    [Theory]
    [InlineData("(11) 98888-7777")]
    [InlineData("+55 11 98888 7777")]
    [InlineData("011988887777")]
    public async Task Sending_normalises_brazilian_numbers(string typed)
    {
        var owner = await world.ACompanyAsync();
        await world.ConnectAsync(owner);

        var response = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = typed, text = "Seu orçamento está pronto" });

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        Assert.False(string.IsNullOrEmpty(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("id").GetString()));
        Assert.Contains(("5511988887777", "Seu orçamento está pronto"), world.Gateway.SentMessages);
    }

    [Fact]
    public async Task A_number_not_on_whatsapp_or_a_bad_number_is_a_400_naming_the_phone()
    {
        var owner = await world.ACompanyAsync();
        await world.ConnectAsync(owner);

        var notOnWhatsApp = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = "5500912345678", text = "x" });
        var notAPhone = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = "123", text = "x" });

        Assert.All([notOnWhatsApp, notAPhone], r => Assert.Equal(HttpStatusCode.BadRequest, r.StatusCode));
        Assert.Contains("phone", (await Problem.ReadAsync(notOnWhatsApp)).Errors.Keys);
        Assert.Contains("phone", (await Problem.ReadAsync(notAPhone)).Errors.Keys);
    }

    [Fact]
    public async Task Incoming_messages_reach_open_screens_once_even_when_delivered_twice()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        using var events = await owner.OpenEventsAsync();

        await world.Gateway.IncomingAsync(instance, "5511933332222", "primeira", id: "DUP-1");
        await world.Gateway.RedeliverLastAsync(instance);
        await world.Gateway.IncomingAsync(instance, "5511933332222", "segunda", id: "NEXT-1");

        var first = await events.NextAsync("messages.upsert");
        var second = await events.NextAsync("messages.upsert");
        Assert.Equal(("DUP-1", "NEXT-1"), (first.GetProperty("message").GetProperty("id").GetString(), second.GetProperty("message").GetProperty("id").GetString()));
    }

    [Fact]
    public async Task A_20000_character_message_reaches_open_screens_and_reads_whole_from_the_chat()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        using var events = await owner.OpenEventsAsync();
        var text = string.Concat(Enumerable.Repeat("Orçamento da frota, item a item. ", 607))[..20_000];

        await world.Gateway.IncomingAsync(instance, "5511977776666", text, "Caio", id: "LONG-1");

        var heard = await events.NextAsync("messages.upsert");
        Assert.True(heard.GetProperty("partial").GetBoolean());
        Assert.StartsWith(heard.GetProperty("message").GetProperty("text").GetString()!, text, StringComparison.Ordinal);
        var messages = (await owner.GetJsonAsync($"/api/whatsapp/chats/{Uri.EscapeDataString("5511977776666@s.whatsapp.net")}/messages"))
            .GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(text, Assert.Single(messages).GetProperty("text").GetString());
    }

    [Fact]
    public async Task A_salesperson_talks_only_to_the_phones_of_its_leads()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        var seller = await world.ASalespersonAsync(owner);
        await seller.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Cliente do vendedor", email = Given.UniqueEmail("lead"), phone = "(11) 94444-3333" });
        await world.Gateway.IncomingAsync(instance, "5511944443333", "do lead");
        await world.Gateway.IncomingAsync(instance, "5511922221111", "de outro");

        var chats = (await seller.GetJsonAsync("/api/whatsapp/chats")).GetProperty("items").EnumerateArray().Select(c => c.GetProperty("phone").GetString()).ToList();
        var toOther = await seller.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = "5511922221111", text = "x" });
        var toLead = await seller.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = "11944443333", text = "oi" });
        var otherMessages = await seller.SendAsync(HttpMethod.Get, $"/api/whatsapp/chats/{Uri.EscapeDataString("5511922221111@s.whatsapp.net")}/messages");

        Assert.Equal(["5511944443333"], chats);
        Assert.Equal(HttpStatusCode.Forbidden, toOther.StatusCode);
        Assert.Equal(HttpStatusCode.Accepted, toLead.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, otherMessages.StatusCode);
    }

    [Theory]
    [InlineData(FaultMode.Slow)]
    [InlineData(FaultMode.Error500)]
    [InlineData(FaultMode.Down)]
    public async Task A_failing_gateway_is_a_503_within_ten_seconds_and_the_rest_of_the_crm_works(FaultMode fault)
    {
        var owner = await world.ACompanyAsync();
        await world.ConnectAsync(owner);
        world.Gateway.SetFaults(fault, delayMs: 30_000);
        try
        {
            var chats = await owner.SendAsync(HttpMethod.Get, "/api/whatsapp/chats"); // the client gives up after 10 s
            var send = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/messages", new { phone = "5511988887777", text = "x" });
            var board = await owner.SendAsync(HttpMethod.Get, "/api/pipeline/board");

            Assert.Equal(HttpStatusCode.ServiceUnavailable, chats.StatusCode);
            Assert.Equal("whatsapp.gateway_unavailable", (await Problem.ReadAsync(chats)).Code);
            Assert.Equal(HttpStatusCode.ServiceUnavailable, send.StatusCode);
            Assert.Equal(HttpStatusCode.OK, board.StatusCode);
        }
        finally
        {
            world.Gateway.SetFaults(FaultMode.None);
        }
    }

}
