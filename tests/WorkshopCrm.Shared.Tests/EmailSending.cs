using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using MimeKit;
using WorkshopCrm.Shared.Email;

namespace WorkshopCrm.Shared.Tests;

public sealed class EmailSending : IAsyncDisposable
{
    private readonly SmtpCapture _smtp = new();

    [Fact]
    public async Task An_e_mail_goes_out_over_smtp_with_a_text_and_an_html_body()
    {
        var sender = BuildSender(new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = _smtp.Port.ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None", ["Smtp:From"] = "CRM <crm@example.com>" });

        await sender.SendAsync(new EmailMessage("lead@example.com", "Lia", "Olá", "Texto simples", "<p>HTML</p>"), default);

        var mail = await _smtp.WaitForMessageToAsync("lead@example.com");
        Assert.Equal("Olá", mail.Subject);
        Assert.Equal("crm@example.com", mail.From.Mailboxes.Single().Address);
        Assert.Equal("Texto simples", mail.TextBody!.Trim());
        Assert.Equal("<p>HTML</p>", mail.HtmlBody!.Trim());
    }

    [Fact]
    public async Task Without_an_smtp_host_e_mails_are_written_to_the_pickup_folder()
    {
        var folder = Directory.CreateTempSubdirectory("crm-pickup-").FullName;
        var sender = BuildSender(new() { ["Smtp:PickupDirectory"] = folder });

        await sender.SendAsync(new EmailMessage("lead@example.com", null, "Pickup", "text", "<b>html</b>"), default);

        var file = Assert.Single(Directory.GetFiles(folder, "*.eml"));
        var mail = await MimeMessage.LoadAsync(file);
        Assert.Equal("Pickup", mail.Subject);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task An_unreachable_smtp_server_fails_the_send_so_the_consumer_is_retried()
    {
        var sender = BuildSender(new() { ["Smtp:Host"] = "127.0.0.1", ["Smtp:Port"] = SmtpCaptureFreePort().ToString(System.Globalization.CultureInfo.InvariantCulture), ["Smtp:Security"] = "None" });

        await Assert.ThrowsAnyAsync<Exception>(() => sender.SendAsync(new EmailMessage("x@example.com", null, "s", "t", "h"), default));
    }

    private static int SmtpCaptureFreePort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static IEmailSender BuildSender(Dictionary<string, string?> smtp)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = "Host=127.0.0.1;Database=unused",
            ["Jwt:SigningKey"] = CrmAppFixture.SigningKey,
        });
        builder.Configuration.AddInMemoryCollection(smtp);
        builder.Services.AddSharedKernel(builder.Configuration);
        return builder.Build().Services.GetRequiredService<IEmailSender>();
    }

    public ValueTask DisposeAsync() => _smtp.DisposeAsync();
}
