using System.ComponentModel.DataAnnotations;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>Configuration section "Outbox".</summary>
public sealed class OutboxOptions
{
    public const string Section = "Outbox";

    /// <summary>Fallback poll when no NOTIFY arrives (retries that come due, a lost LISTEN connection).</summary>
    [TimeSpanRange("00:00:00.010", "01:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(1);

    [Range(1, 1000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Deliveries tried before the row is parked as a dead letter.</summary>
    [Range(1, 100)]
    public int MaxAttempts { get; set; } = 10;

    /// <summary>Wait after the first failure; doubles with every further failure, up to <see cref="MaxRetryDelay"/>.</summary>
    [TimeSpanRange("00:00:00.001", "01:00:00")]
    public TimeSpan FirstRetryDelay { get; set; } = TimeSpan.FromSeconds(2);

    [TimeSpanRange("00:00:00.001", "1.00:00:00")]
    public TimeSpan MaxRetryDelay { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Delivered outbox rows are purged after this; inbox rows after <see cref="InboxRetention"/>.</summary>
    public TimeSpan DeliveredRetention { get; set; } = TimeSpan.FromDays(7);

    public TimeSpan InboxRetention { get; set; } = TimeSpan.FromDays(30);

    /// <summary>Turns the dispatchers off (a CLI verb, or a test that wants events to stay in the outbox).</summary>
    public bool Enabled { get; set; } = true;

    internal TimeSpan RetryDelayAfter(int attempts)
    {
        var factor = Math.Pow(2, Math.Min(attempts - 1, 30));
        var delay = TimeSpan.FromTicks((long)Math.Min(FirstRetryDelay.Ticks * factor, MaxRetryDelay.Ticks));
        // up to 20% jitter so that a burst of failures does not retry in lockstep
        return delay + TimeSpan.FromTicks((long)(delay.Ticks * 0.2 * Random.Shared.NextDouble()));
    }
}
