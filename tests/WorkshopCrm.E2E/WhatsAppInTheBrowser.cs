using System.Text.RegularExpressions;
using EvolutionSimulator;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>The company's WhatsApp through the Evolution API v2 simulator: connect by QR, chat, answer a lead.</summary>
public sealed class WhatsAppInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task The_owner_connects_by_scanning_the_QR_then_reads_and_answers_an_incoming_message_live()
    {
        var owner = await SignUpAsync();
        await owner.OpenAsync("WhatsApp");
        await Expect(owner.Page.GetByText("Status: Disconnected")).ToBeVisibleAsync();

        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" })).ToBeVisibleAsync();
        await CrmInBrowser.ScreenshotAsync(owner.Page, "whatsapp-qr");
        var firstQr = await owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" }).GetAttributeAsync("src");
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" })).Not.ToHaveAttributeAsync("src", firstQr!); // refreshed while waiting
        await owner.Page.ReloadAsync();
        await Expect(owner.Page.GetByText("Status: Connecting")).ToBeVisibleAsync(); // a reload mid-connect keeps the QR coming
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" })).ToBeVisibleAsync();
        var instance = Crm.WhatsApp.Instances.Single(i => i.State == "connecting").Name;
        await Crm.WhatsApp.ScanAsync(instance, "5511988887777", "Oficina Zap");

        await Expect(owner.Page.GetByText("Status: Connected")).ToBeVisibleAsync();
        await Expect(owner.Page.GetByText("5511988887777")).ToBeVisibleAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" })).ToHaveCountAsync(0);
        await Expect(owner.Page.GetByText("No chats yet.")).ToBeVisibleAsync();

        await Crm.WhatsApp.IncomingAsync(instance, "5511977776666", "Olá! Quero um orçamento de revisão.", pushName: "Carla Cliente");
        var chat = owner.Page.GetByRole(AriaRole.Button, new() { Name = "Carla Cliente" });
        await chat.ClickAsync();
        await Expect(owner.Page.Locator(".msg", new() { HasText = "Quero um orçamento" })).ToBeVisibleAsync();
        await owner.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Claro, Carla! Envio ainda hoje.");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(owner.Page.Locator(".msg.mine", new() { HasText = "Envio ainda hoje" })).ToBeVisibleAsync();
        await Expect(owner.Page.Locator(".msg")).ToHaveTextAsync([new Regex("Quero um orçamento"), new Regex("Envio ainda hoje")]); // oldest first
        Assert.Contains(Crm.WhatsApp.SentMessages, m => m.Number.Contains("5511977776666", StringComparison.Ordinal) && m.Text == "Claro, Carla! Envio ainda hoje.");
        await CrmInBrowser.ScreenshotAsync(owner.Page, "whatsapp");
        await DisconnectAsync(owner);
    }

    [Fact]
    public async Task The_WhatsApp_button_of_a_lead_opens_a_conversation_with_its_phone()
    {
        var owner = await SignUpAsync();
        await ConnectAsync(owner, "5511955554444");
        await owner.CreateLeadAsync("Rafael Torres", UserInBrowser.Unique("rafael"), "(11) 96666-5555");

        await owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Rafael Torres" }).GetByRole(AriaRole.Link, new() { Name = "WhatsApp" })
            .Or(owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Rafael Torres" }).GetByRole(AriaRole.Button, new() { Name = "WhatsApp" }))
            .ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Heading, new() { Level = 2 }).Filter(new() { HasText = "966665555" })).ToBeVisibleAsync();
        await owner.Page.GetByLabel("Message", new() { Exact = true }).FillAsync("Oi Rafael, tudo bem?");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Send" }).ClickAsync();

        await Expect(owner.Page.GetByLabel("Message", new() { Exact = true })).ToHaveValueAsync("");
        Assert.Contains(Crm.WhatsApp.SentMessages, m => m.Number.Contains("5511966665555", StringComparison.Ordinal) && m.Text == "Oi Rafael, tudo bem?");
        await DisconnectAsync(owner);
    }

    [Fact]
    public async Task When_the_gateway_is_down_the_chats_say_so_with_a_retry_and_the_rest_of_the_crm_works()
    {
        var owner = await SignUpAsync();
        await ConnectAsync(owner, "5511944443333");
        try
        {
            Crm.WhatsApp.SetFaults(FaultMode.Down);
            await owner.Page.ReloadAsync();

            var problem = owner.Page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "WhatsApp is not answering right now" });
            await Expect(problem).ToBeVisibleAsync();
            await Expect(owner.Page.GetByText("Status: Connected")).ToBeVisibleAsync(); // the last known status
            await owner.CreateLeadAsync("Cliente Sem Zap", UserInBrowser.Unique("semzap"));
            await owner.OpenAsync("WhatsApp");
            await Expect(problem).ToBeVisibleAsync();

            Crm.WhatsApp.SetFaults(FaultMode.None);
            await problem.GetByRole(AriaRole.Button, new() { Name = "Try again" }).ClickAsync();
            await Expect(owner.Page.GetByText("No chats yet.")).ToBeVisibleAsync();
        }
        finally
        {
            Crm.WhatsApp.SetFaults(FaultMode.None);
        }

        await DisconnectAsync(owner);
    }

    /// <summary>The owner connects from the WhatsApp screen and the company phone scans the QR in the simulator.</summary>
    private async Task ConnectAsync(UserInBrowser owner, string phone)
    {
        await owner.OpenAsync("WhatsApp");
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Connect" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Img, new() { Name = "WhatsApp QR code" })).ToBeVisibleAsync();
        await Crm.WhatsApp.ScanAsync(Crm.WhatsApp.Instances.Single(i => i.State == "connecting").Name, phone);
        await Expect(owner.Page.GetByText("Status: Connected")).ToBeVisibleAsync();
    }

    /// <summary>Leaves no open instance behind for the next test to mistake for its own.</summary>
    private static async Task DisconnectAsync(UserInBrowser owner)
    {
        await owner.OpenAsync("WhatsApp");
        owner.Page.Dialog += (_, dialog) => dialog.AcceptAsync();
        await owner.Page.GetByRole(AriaRole.Button, new() { Name = "Disconnect" }).ClickAsync();
        await Expect(owner.Page.GetByText("Status: Disconnected")).ToBeVisibleAsync();
    }
}
