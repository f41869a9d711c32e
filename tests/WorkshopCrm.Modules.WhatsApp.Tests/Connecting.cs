using System.IdentityModel.Tokens.Jwt;
using System.Security.Claims;
using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace WorkshopCrm.Modules.WhatsApp.Tests;

[Collection(WhatsAppWorld.Collection)]
public sealed class Connecting(WhatsAppWorld world)
{
    [Fact]
    public async Task Connecting_shows_a_QR_and_scanning_it_connects_with_the_phone_number()
    {
        var owner = await world.ACompanyAsync();

        var connect = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection");
        var body = JsonDocument.Parse(await connect.Content.ReadAsStringAsync()).RootElement;
        await world.ConnectAsync(owner, "5511987654321");

        Assert.Equal(HttpStatusCode.OK, connect.StatusCode);
        Assert.Equal("Connecting", body.GetProperty("status").GetString());
        Assert.StartsWith("data:image/png;base64,", body.GetProperty("qrCode").GetString(), StringComparison.Ordinal);
        var status = await owner.GetJsonAsync("/api/whatsapp/connection");
        Assert.Equal(("Connected", "5511987654321"), (status.GetProperty("status").GetString(), status.GetProperty("phoneNumber").GetString()));
        var instance = Assert.Single(world.Gateway.Instances, i => i.Name == status.GetProperty("instanceName").GetString());
        Assert.Equal(["CONNECTION_UPDATE", "MESSAGES_UPSERT", "QRCODE_UPDATED"], instance.Webhook!.Events.Order());
        Assert.True(instance.Webhook.Headers.ContainsKey("jwt_key"));
    }

    [Fact]
    public async Task While_the_QR_waits_to_be_scanned_the_status_is_Connecting_for_everyone()
    {
        var owner = await world.ACompanyAsync();
        var seller = await world.ASalespersonAsync(owner);

        Assert.Equal(HttpStatusCode.OK, (await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection")).StatusCode);

        Assert.Equal("Connecting", (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString());
        Assert.Equal("Connecting", (await seller.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.NoContent, (await owner.SendAsync(HttpMethod.Delete, "/api/whatsapp/connection")).StatusCode);
        Assert.Equal("Disconnected", (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task An_instance_the_gateway_no_longer_has_shows_Disconnected_and_connecting_again_makes_a_new_one()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        await DeleteAtTheGatewayAsync(instance);

        var status = await owner.GetJsonAsync("/api/whatsapp/connection");
        // the status read asks for the stored row to be mended in the background: it forgets the instance
        await Eventually.TrueAsync(async () => await world.ScalarAsync(
            $"SELECT count(*) FROM whatsapp.whatsapp_connections WHERE tenant_id = {owner.TenantId} AND instance_name IS NULL") == 1, "the row to forget the instance");
        var again = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection");

        Assert.Equal("Disconnected", status.GetProperty("status").GetString());
        Assert.Equal(JsonValueKind.Null, status.GetProperty("instanceName").ValueKind);
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        Assert.Equal("Connecting", JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement.GetProperty("status").GetString());
        Assert.Contains(world.Gateway.Instances, i => i.Name == instance && i.State == "connecting");
    }

    [Fact]
    public async Task Connecting_straight_after_the_gateway_lost_the_instance_makes_a_new_one()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        await DeleteAtTheGatewayAsync(instance);

        var again = await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection"); // no status read in between

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        var body = JsonDocument.Parse(await again.Content.ReadAsStringAsync()).RootElement;
        Assert.StartsWith("data:image/png;base64,", body.GetProperty("qrCode").GetString(), StringComparison.Ordinal);
        Assert.Contains(world.Gateway.Instances, i => i.Name == instance && i.State == "connecting");
    }

    [Fact]
    public async Task Two_connects_at_once_make_one_instance_and_one_row()
    {
        var owner = await world.ACompanyAsync();

        var answers = await Task.WhenAll(owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection"), owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection"));

        Assert.All(answers, a => Assert.Equal(HttpStatusCode.OK, a.StatusCode));
        var name = await WhatsAppWorld.InstanceOfAsync(owner);
        Assert.Single(world.Gateway.Instances, i => i.Name == name);
        Assert.Equal(1L, await world.ScalarAsync($"SELECT count(*) FROM whatsapp.whatsapp_connections WHERE tenant_id = {owner.TenantId}"));
    }

    [Fact]
    public async Task A_webhook_without_the_instances_signature_is_a_401_and_changes_nothing()
    {
        var owner = await world.ACompanyAsync();
        await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection");
        var instance = await WhatsAppWorld.InstanceOfAsync(owner);
        var open = new { @event = "connection.update", instance, data = new { state = "open", statusReason = 200, wuid = "5511000000000@s.whatsapp.net" } };

        var unsigned = await world.Client().PostAsJsonAsync($"/api/whatsapp/webhook/{instance}", open);
        var forged = new HttpRequestMessage(HttpMethod.Post, $"/api/whatsapp/webhook/{instance}") { Content = JsonContent.Create(open) };
        forged.Headers.Authorization = new("Bearer", Jwt("a-secret-that-is-not-the-instances-secret-at-all"));
        var forgedAnswer = await world.Client().SendAsync(forged);
        var unknown = await world.Client().PostAsJsonAsync("/api/whatsapp/webhook/crm-1-made-up", open);

        Assert.All([unsigned, forgedAnswer, unknown], r => Assert.Equal(HttpStatusCode.Unauthorized, r.StatusCode));
        Assert.Equal("Connecting", (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString()); // still waiting for a real scan
    }

    /// <summary>The instance disappears at the gateway (deleted there, or the gateway lost its data); the app is not told.</summary>
    private async Task DeleteAtTheGatewayAsync(string instance)
    {
        using var gateway = new HttpClient { BaseAddress = world.Gateway.BaseAddress };
        gateway.DefaultRequestHeaders.Add("apikey", WhatsAppWorld.ApiKey);
        Assert.True((await gateway.DeleteAsync($"instance/delete/{instance}")).IsSuccessStatusCode);
    }

    public static TheoryData<string> MalformedDeliveries =>
    [
        """[]""",
        """{"event": 5}""",
        """{"event": "connection.update", "data": []}""",
        """{"event": "connection.update", "data": {"state": 5}}""",
        """{"event": "messages.upsert", "data": {"key": "x"}}""",
        """{"event": "qrcode.updated", "data": {"qrcode": "x"}}""",
        """{"event": "messages.upsert", "data": "x"}""",
    ];

    [Theory]
    [MemberData(nameof(MalformedDeliveries))]
    public async Task A_signed_delivery_not_of_evolutions_shape_is_a_400_and_changes_nothing(string body)
    {
        var owner = await world.ACompanyAsync();
        await owner.SendAsync(HttpMethod.Post, "/api/whatsapp/connection");
        var instance = await WhatsAppWorld.InstanceOfAsync(owner);

        var response = await SignedDeliveryAsync(instance, body);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("whatsapp.webhook_malformed", (await Problem.ReadAsync(response)).Code);
        Assert.Equal("Connecting", (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Another_companys_delivery_with_the_same_message_id_hides_nothing()
    {
        var first = await world.ACompanyAsync();
        var second = await world.ACompanyAsync();
        var firstInstance = await world.ConnectAsync(first, "5511911110000");
        var secondInstance = await world.ConnectAsync(second, "5511922220000");
        using var events = await first.OpenEventsAsync();

        await world.Gateway.IncomingAsync(secondInstance, "5511933332222", "para a segunda", id: "SAME-ID");
        await world.Gateway.IncomingAsync(firstInstance, "5511944443333", "para a primeira", id: "SAME-ID");

        var heard = await events.NextAsync("messages.upsert");
        Assert.Equal("para a primeira", heard.GetProperty("message").GetProperty("text").GetString());
    }

    [Fact]
    public async Task Logging_out_on_the_phone_disconnects_and_disconnecting_here_deletes_the_instance()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);

        await world.Gateway.LogoutFromPhoneAsync(instance);
        await Eventually.TrueAsync(async () => (await owner.GetJsonAsync("/api/whatsapp/connection")).GetProperty("status").GetString() == "Disconnected", "the logout to arrive");
        var disconnect = await owner.SendAsync(HttpMethod.Delete, "/api/whatsapp/connection");

        Assert.Equal(HttpStatusCode.NoContent, disconnect.StatusCode);
        Assert.DoesNotContain(world.Gateway.Instances, i => i.Name == instance);
        var status = await owner.GetJsonAsync("/api/whatsapp/connection");
        Assert.Equal(JsonValueKind.Null, status.GetProperty("instanceName").ValueKind);
    }

    [Fact]
    public async Task Only_a_business_owner_connects_or_disconnects()
    {
        var owner = await world.ACompanyAsync();
        var seller = await world.ASalespersonAsync(owner);

        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Post, "/api/whatsapp/connection")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Delete, "/api/whatsapp/connection")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Get, "/api/whatsapp/connection/qr")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await seller.SendAsync(HttpMethod.Get, "/api/whatsapp/connection")).StatusCode);
    }

    [Fact]
    public async Task Another_company_never_sees_this_companys_connection_or_chats()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);
        await world.Gateway.IncomingAsync(instance, "5511977776666", "segredo");
        var stranger = await world.ACompanyAsync();

        var status = await stranger.GetJsonAsync("/api/whatsapp/connection");
        var chats = await stranger.SendAsync(HttpMethod.Get, "/api/whatsapp/chats");

        Assert.Equal("Disconnected", status.GetProperty("status").GetString());
        Assert.Equal(HttpStatusCode.Conflict, chats.StatusCode);
        Assert.DoesNotContain("segredo", await chats.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Deleting_the_company_deletes_its_instance_at_the_gateway_and_its_rows()
    {
        var owner = await world.ACompanyAsync();
        var instance = await world.ConnectAsync(owner);

        await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = Given.GoodPassword, companyName = (await owner.GetJsonAsync("/api/me")).GetProperty("tenant").GetProperty("name").GetString() });

        await Eventually.TrueAsync(() => Task.FromResult(world.Gateway.Instances.All(i => i.Name != instance)), "the instance to be deleted at the gateway");
        await Eventually.TrueAsync(async () => await world.ScalarAsync($"SELECT count(*) FROM whatsapp.whatsapp_connections WHERE tenant_id = {owner.TenantId}") == 0, "the rows to go");
    }

    private async Task<HttpResponseMessage> SignedDeliveryAsync(string instance, string json)
    {
        var secret = world.Gateway.Instances.Single(i => i.Name == instance).Webhook!.Headers["jwt_key"];
        var request = new HttpRequestMessage(HttpMethod.Post, $"/api/whatsapp/webhook/{instance}")
        {
            Content = new StringContent(json, Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new("Bearer", Jwt(secret));
        return await world.Client().SendAsync(request);
    }

    private static string Jwt(string secret) => new JwtSecurityTokenHandler().WriteToken(new JwtSecurityToken(
        claims: [new Claim("app", "evolution"), new Claim("action", "webhook")],
        expires: DateTime.UtcNow.AddMinutes(10),
        signingCredentials: new SigningCredentials(new SymmetricSecurityKey(Encoding.UTF8.GetBytes(secret)), SecurityAlgorithms.HmacSha256)));
}
