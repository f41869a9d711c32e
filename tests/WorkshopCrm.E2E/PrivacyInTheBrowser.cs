using System.Text.Json;
using static Microsoft.Playwright.Assertions;

namespace WorkshopCrm.E2E;

/// <summary>
/// Issue 19 in the browser: under a lead in the leads list a Business Owner downloads what is held about the person and
/// anonymizes them by typing their name; Team shows both in the audit log, with who, what, about what and from where.
/// </summary>
public sealed class PrivacyInTheBrowser(CrmInBrowser crm) : BrowserTest(crm)
{
    [Fact]
    public async Task An_owner_downloads_a_leads_data_anonymizes_it_with_its_name_typed_and_finds_both_in_the_audit_log()
    {
        using var setup = new ApiSetup(Crm);
        await setup.SignUpAsync();
        var lead = await setup.LeadAsync("Joana Prado", phone: "+55 11 97777-1234");
        var deal = await setup.DealAsync(lead, "Revisão da Joana", 800m);
        var owner = await SignInAsync(setup.Email, setup.Password);
        await owner.OpenAsync("Leads");
        await owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = "Joana Prado" }).GetByRole(AriaRole.Button, new() { Name = "Joana Prado" }).ClickAsync();
        var privacy = owner.Page.GetByTestId("lead-privacy");

        var download = await owner.Page.RunAndWaitForDownloadAsync(() => privacy.GetByRole(AriaRole.Button, new() { Name = "Personal data (LGPD)" }).ClickAsync());
        Assert.Null(await download.FailureAsync());
        Assert.EndsWith(".json", download.SuggestedFilename, StringComparison.Ordinal);
        using (var json = JsonDocument.Parse(await File.ReadAllTextAsync((await download.PathAsync())!)))
            Assert.Equal("Joana Prado", json.RootElement.GetProperty("lead").GetProperty("name").GetString());

        await privacy.GetByRole(AriaRole.Button, new() { Name = "Anonymize", Exact = true }).ClickAsync();
        var typed = owner.Dialog.GetByLabel("Type the lead's name to confirm: Joana Prado");
        var anonymize = owner.Dialog.GetByRole(AriaRole.Button, new() { Name = "Anonymize now" });
        await Expect(owner.Dialog).ToContainTextAsync("Kept for your numbers");
        await typed.FillAsync("Joana");
        await Expect(anonymize).ToBeDisabledAsync();
        await typed.FillAsync(" joana prado ");
        await anonymize.ClickAsync();
        await Expect(owner.Dialog).ToContainTextAsync($"Done: the lead is now \"Anonimizado #{lead}\".");
        await Expect(owner.Dialog).ToContainTextAsync($"Negócio #{deal}");
        await owner.Dialog.Locator(".actions").GetByRole(AriaRole.Button, new() { Name = "Close" }).ClickAsync();
        await Expect(owner.Page.GetByRole(AriaRole.Row).Filter(new() { HasText = $"Anonimizado #{lead}" })).ToBeVisibleAsync();
        await Expect(owner.Page.GetByText("Joana Prado")).ToHaveCountAsync(0);

        await Eventually.TrueAsync(async () => await setup.AuditEntriesAsync() == 2, "both entries in the audit log");
        await owner.OpenAsync("Team");
        var rows = owner.Page.GetByTestId("audit-log").Locator("tbody tr");
        await Expect(rows).ToHaveCountAsync(2);
        await Expect(rows.Nth(0)).ToContainTextAsync("Anonymized a lead");
        await Expect(rows.Nth(0)).ToContainTextAsync($"lead #{lead}");
        await Expect(rows.Nth(0)).ToContainTextAsync("Maria Souza");
        await Expect(rows.Nth(0)).ToContainTextAsync("127.0.0.1");
        await Expect(rows.Nth(1)).ToContainTextAsync("Downloaded personal data");
    }
}
