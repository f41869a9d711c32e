using System.Collections.Concurrent;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace EvolutionSimulator;

/// <summary>
/// Delivers webhooks the way Evolution does (src webhook.controller.ts), only faster so tests stay quick:
/// POST JSON, stored headers sent as-is except `jwt_key`, which becomes `Authorization: Bearer &lt;JWT&gt;`;
/// 10 s per attempt (Evolution: 30 s), 3 attempts 200 ms apart (Evolution: 10 with 5-300 s backoff);
/// a failure or any status outside 2xx is retried except 400/401/403/404/422.
/// </summary>
internal sealed class WebhookSender : IAsyncDisposable
{
    private const int MaxAttempts = 3;
    private const int AttemptLogLimit = 1000;
    private static readonly TimeSpan Backoff = TimeSpan.FromMilliseconds(200);
    private static readonly TimeSpan AttemptTimeout = TimeSpan.FromSeconds(10);
    private static readonly int[] NotRetried = [400, 401, 403, 404, 422];

    private readonly HttpClient _http = new(new SocketsHttpHandler
    {
        PooledConnectionLifetime = TimeSpan.FromMinutes(1),
        ActivityHeadersPropagator = null, // no traceparent header: axios sends none
    })
    {
        Timeout = Timeout.InfiniteTimeSpan,
    };
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<Task, byte> _background = new();
    private readonly Lock _queueGate = new();
    private readonly Dictionary<string, Task> _tails = new(StringComparer.Ordinal);
    private readonly Lock _logGate = new();
    private readonly List<WebhookAttempt> _attempts = [];
    private readonly ILogger _logger;
    private int _deliveries;

    public WebhookSender(ILogger logger) => _logger = logger;

    /// <summary>Webhooks answered with 2xx (each redelivery counts again).</summary>
    public int Deliveries => Volatile.Read(ref _deliveries);

    public IReadOnlyList<WebhookAttempt> Attempts
    {
        get
        {
            lock (_logGate)
            {
                return [.. _attempts];
            }
        }
    }

    /// <summary>Fire-and-forget, as Evolution does for events raised inside API calls.</summary>
    public void Enqueue(PreparedWebhook? webhook)
    {
        if (webhook is null || _stopping.IsCancellationRequested)
        {
            return;
        }
        Task task = DeliverInOrderAsync(webhook, CancellationToken.None);
        _background.TryAdd(task, 0);
        task.ContinueWith(t => _background.TryRemove(t, out _), CancellationToken.None,
            TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
    }

    /// <summary>Completes when no background delivery is pending.</summary>
    public async Task WhenIdleAsync(CancellationToken ct)
    {
        while (!_background.IsEmpty)
        {
            await Task.WhenAll(_background.Keys).WaitAsync(ct);
        }
    }

    /// <summary>
    /// Delivers after every earlier webhook of the same instance has finished (delivered or given up), so
    /// a receiver sees one instance's events in the order they happened (instance.create, qrcode.updated,
    /// connection.update...).
    /// </summary>
    public Task<WebhookOutcome> DeliverInOrderAsync(PreparedWebhook webhook, CancellationToken ct)
    {
        lock (_queueGate)
        {
            var previous = _tails.GetValueOrDefault(webhook.Instance) ?? Task.CompletedTask;
            var next = DeliverAfterAsync(previous, webhook, ct);
            _tails[webhook.Instance] = next;
            return next;
        }
    }

    private async Task<WebhookOutcome> DeliverAfterAsync(Task previous, PreparedWebhook webhook, CancellationToken ct)
    {
        await Task.Yield(); // leave the caller's lock before doing any work
        await Task.WhenAny(previous); // how the previous one ended is not our concern
        return await DeliverAsync(webhook, ct);
    }

    private async Task<WebhookOutcome> DeliverAsync(PreparedWebhook webhook, CancellationToken ct)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(ct, _stopping.Token);
        // One token per delivery, like Evolution (signed when the event is emitted).
        string? bearer = webhook.Headers.TryGetValue("jwt_key", out var jwtKey) ? CreateJwt(jwtKey) : null;
        int? lastStatus = null;
        for (var attempt = 1; attempt <= MaxAttempts; attempt++)
        {
            string? error = null;
            try
            {
                using var request = BuildRequest(webhook, bearer);
                using var perAttempt = CancellationTokenSource.CreateLinkedTokenSource(linked.Token);
                perAttempt.CancelAfter(AttemptTimeout);
                using var response = await _http.SendAsync(request, perAttempt.Token);
                lastStatus = (int)response.StatusCode;
                Log(webhook, attempt, lastStatus, null);
                if (response.IsSuccessStatusCode)
                {
                    Interlocked.Increment(ref _deliveries);
                    return new WebhookOutcome(true, lastStatus, attempt);
                }
                if (NotRetried.Contains(lastStatus.Value))
                {
                    _logger.LogWarning("webhook {Event} for {Instance} to {Url}: {Status}, not retried", webhook.Event, webhook.Instance, webhook.Url, lastStatus);
                    return new WebhookOutcome(false, lastStatus, attempt);
                }
            }
            catch (Exception e) when (e is HttpRequestException or OperationCanceledException && !linked.IsCancellationRequested)
            {
                error = e is OperationCanceledException ? $"timeout after {AttemptTimeout.TotalSeconds:0} s" : e.Message;
                lastStatus = null;
                Log(webhook, attempt, null, error);
            }
            if (attempt < MaxAttempts)
            {
                try
                {
                    await Task.Delay(Backoff, linked.Token);
                }
                catch (OperationCanceledException)
                {
                    break;
                }
            }
        }
        _logger.LogWarning("webhook {Event} for {Instance} to {Url} failed after {Attempts} attempts", webhook.Event, webhook.Instance, webhook.Url, MaxAttempts);
        return new WebhookOutcome(false, lastStatus, MaxAttempts);
    }

    private static HttpRequestMessage BuildRequest(PreparedWebhook webhook, string? bearer)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url)
        {
            Content = new StringContent(webhook.Body, Encoding.UTF8, "application/json"),
        };
        foreach (var (name, value) in webhook.Headers)
        {
            // Quirk: jwt_key is a signing secret, never sent; Authorization is replaced by the Bearer token.
            if (name == "jwt_key" || (bearer is not null && name.Equals("Authorization", StringComparison.OrdinalIgnoreCase)))
            {
                continue;
            }
            if (!request.Headers.TryAddWithoutValidation(name, value))
            {
                request.Content.Headers.Remove(name);
                request.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }
        if (bearer is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", bearer);
        }
        return request;
    }

    /// <summary>HS256 JWT with iat, exp = now + 10 min, app:"evolution", action:"webhook", signed with the UTF-8 jwt_key.</summary>
    internal static string CreateJwt(string secret)
    {
        var key = Encoding.UTF8.GetBytes(secret);
        var now = DateTimeOffset.UtcNow;
        if (key.Length >= 32)
        {
            var handler = new JsonWebTokenHandler { SetDefaultTimesOnTokenCreation = false };
            return handler.CreateToken(new SecurityTokenDescriptor
            {
                Claims = new Dictionary<string, object> { ["app"] = "evolution", ["action"] = "webhook" },
                IssuedAt = now.UtcDateTime,
                Expires = now.AddMinutes(10).UtcDateTime,
                SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(key), SecurityAlgorithms.HmacSha256),
            });
        }
        // Node's jsonwebtoken signs with a secret of any length; IdentityModel refuses HS256 keys under 256 bits.
        var header = Base64Url("""{"alg":"HS256","typ":"JWT"}"""u8.ToArray());
        var payload = Base64Url(Encoding.UTF8.GetBytes(new JsonObject
        {
            ["iat"] = now.ToUnixTimeSeconds(),
            ["exp"] = now.AddMinutes(10).ToUnixTimeSeconds(),
            ["app"] = "evolution",
            ["action"] = "webhook",
        }.ToJsonString()));
        var signature = Base64Url(HMACSHA256.HashData(key, Encoding.ASCII.GetBytes($"{header}.{payload}")));
        return $"{header}.{payload}.{signature}";
    }

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private void Log(PreparedWebhook webhook, int attempt, int? status, string? error)
    {
        lock (_logGate)
        {
            if (_attempts.Count >= AttemptLogLimit)
            {
                _attempts.RemoveAt(0);
            }
            _attempts.Add(new WebhookAttempt(webhook.Event, webhook.Instance, webhook.Url, attempt, status, error, DateTimeOffset.UtcNow));
        }
        _logger.LogInformation("webhook {Event} for {Instance} -> {Url} attempt {Attempt}: {Result}",
            webhook.Event, webhook.Instance, webhook.Url, attempt, status?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? error);
    }

    public void ResetCounters()
    {
        lock (_logGate)
        {
            _attempts.Clear();
        }
        Interlocked.Exchange(ref _deliveries, 0);
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        try
        {
            await Task.WhenAll(_background.Keys).WaitAsync(TimeSpan.FromSeconds(5));
        }
        catch (Exception e) when (e is OperationCanceledException or TimeoutException)
        {
            // Deliveries cut short by shutdown.
        }
        _http.Dispose();
        _stopping.Dispose();
    }
}

/// <summary>How one webhook ended: delivered (2xx) or not, the last status seen, attempts made.</summary>
internal sealed record WebhookOutcome(bool Delivered, int? StatusCode, int Attempts)
{
    public JsonObject ToJson() => new() { ["delivered"] = Delivered, ["status"] = StatusCode, ["attempts"] = Attempts };
}
