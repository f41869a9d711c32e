namespace EvolutionSimulator;

/// <summary>
/// Starts the Evolution API v2 simulator in-process, on Kestrel at http://127.0.0.1:{free port}, for tests
/// that want the CRM to talk real HTTP to "Evolution" and to receive real webhooks from it.
/// </summary>
public static class Simulator
{
    /// <summary>The global apikey scripts/run.sh and the CRM's development settings use.</summary>
    public const string DevelopmentApiKey = "workshopcrm-DEVELOPMENT-ONLY-evolution-api-key";

    public static async Task<RunningSimulator> StartAsync(string apiKey, CancellationToken ct = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(apiKey);
        var host = SimulatorApp.Build([], apiKey, inProcess: true);
        try
        {
            host.App.Urls.Add("http://127.0.0.1:0"); // Kestrel picks a free port
            await host.App.StartAsync(ct);
            var address = host.App.Urls.First();
            host.State.ServerUrl = address;
            return new RunningSimulator(host, new Uri(address + "/"), apiKey);
        }
        catch
        {
            await host.DisposeAsync();
            throw;
        }
    }
}

/// <summary>A started simulator. Dispose it to stop Kestrel and any webhook still being delivered.</summary>
public sealed class RunningSimulator : IAsyncDisposable
{
    private readonly SimulatorHost _host;
    private int _disposed;

    internal RunningSimulator(SimulatorHost host, Uri baseAddress, string apiKey)
    {
        _host = host;
        BaseAddress = baseAddress;
        ApiKey = apiKey;
    }

    /// <summary>e.g. http://127.0.0.1:41234/ (with the trailing slash, ready for HttpClient.BaseAddress).</summary>
    public Uri BaseAddress { get; }

    /// <summary>The global apikey.</summary>
    public string ApiKey { get; }

    /// <summary>A snapshot of every instance, oldest first, with its webhook and messages.</summary>
    public IReadOnlyList<SimulatedInstance> Instances => _host.State.SnapshotInstances();

    /// <summary>What the CRM sent through /message/sendText (accepted sends only): `number` as given, and text.</summary>
    public IReadOnlyList<(string Number, string Text)> SentMessages => _host.State.SnapshotSent();

    /// <summary>Webhook POSTs answered with 2xx (a redelivery counts again).</summary>
    public int WebhookDeliveries => _host.Webhooks.Deliveries;

    /// <summary>Every webhook attempt (including failed ones and retries), oldest first.</summary>
    public IReadOnlyList<WebhookAttempt> WebhookAttempts => _host.Webhooks.Attempts;

    /// <summary>
    /// The phone scans the QR: the instance must be connecting (create with qrcode:true, or connect).
    /// Returns after the connection.update webhook was delivered (or failed).
    /// </summary>
    public Task ScanAsync(string instance, string phone, string? profileName = null, CancellationToken ct = default) =>
        _host.Control.ScanAsync(instance, phone, profileName, ct);

    /// <summary>
    /// A contact sends a text to the (open) instance; returns the stored message after messages.upsert was
    /// delivered. Pass the same <paramref name="id"/> twice to send a duplicate webhook.
    /// </summary>
    public async Task<SimulatedMessage> IncomingAsync(
        string instance, string from, string text, string? pushName = null, bool lid = false, string? id = null, CancellationToken ct = default) =>
        (await _host.Control.IncomingAsync(instance, from, text, pushName, lid, id, ct)).Message;

    /// <summary>Sends the instance's last webhook again, identical.</summary>
    public Task RedeliverLastAsync(string instance, CancellationToken ct = default) =>
        _host.Control.RedeliverLastAsync(instance, ct);

    /// <summary>The user logs the device out on the phone: state close, connection.update close/401.</summary>
    public Task LogoutFromPhoneAsync(string instance, CancellationToken ct = default) =>
        _host.Control.LogoutFromPhoneAsync(instance, ct);

    /// <summary>Faults for every Evolution route (not /_sim): slow waits <paramref name="delayMs"/>, error500, down aborts.</summary>
    public void SetFaults(FaultMode mode, int delayMs = 15_000) => _host.Control.SetFaults(mode, delayMs);

    /// <summary>Forgets instances, sent messages, faults and webhook counters.</summary>
    public void Reset() => _host.Control.Reset();

    /// <summary>Waits for webhooks raised by API calls (qrcode.updated, send.message...) to finish.</summary>
    public Task WhenWebhooksIdleAsync(CancellationToken ct = default) => _host.Webhooks.WhenIdleAsync(ct);

    public ValueTask DisposeAsync() =>
        Interlocked.Exchange(ref _disposed, 1) == 0 ? _host.DisposeAsync() : ValueTask.CompletedTask;
}

public enum FaultMode
{
    /// <summary>Answer normally.</summary>
    None,
    /// <summary>Wait DelayMs before answering (stops waiting when the client gives up).</summary>
    Slow,
    /// <summary>500 {"status":500,"error":"Internal Server Error","response":{"message":["Cannot read properties of undefined"]}}.</summary>
    Error500,
    /// <summary>Abort the connection without an answer.</summary>
    Down,
}

public sealed record SimulatedInstance(
    string Name,
    string InstanceId,
    string Hash,
    string Integration,
    string State,
    string? OwnerJid,
    string? ProfileName,
    int QrCount,
    SimulatedWebhook? Webhook,
    IReadOnlyList<SimulatedMessage> Messages);

/// <summary>The stored webhook; <see cref="Events"/> is as Evolution stores it ([] with enabled:true becomes every event).</summary>
public sealed record SimulatedWebhook(
    string Url,
    bool Enabled,
    bool ByEvents,
    bool Base64,
    IReadOnlyDictionary<string, string> Headers,
    IReadOnlyList<string> Events);

/// <summary>A stored message. <see cref="Id"/> is key.id; <see cref="Timestamp"/> is unix seconds.</summary>
public sealed record SimulatedMessage(
    string Id,
    string RemoteJid,
    string? RemoteJidAlt,
    bool FromMe,
    string? PushName,
    string Text,
    long Timestamp,
    string Status);

/// <summary>One webhook POST attempt: <see cref="StatusCode"/> when answered, <see cref="Error"/> when not.</summary>
public sealed record WebhookAttempt(
    string Event,
    string Instance,
    string Url,
    int Attempt,
    int? StatusCode,
    string? Error,
    DateTimeOffset At);
