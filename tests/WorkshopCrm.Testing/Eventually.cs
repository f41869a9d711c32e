using System.Diagnostics;

namespace WorkshopCrm.Testing;

/// <summary>Waits on a condition (never on a fixed sleep): polls briefly until it holds or the time-out passes.</summary>
public static class Eventually
{
    /// <summary>A cap, not a wait: a condition that holds returns at once. Generous for a loaded two-core machine.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(30);

    public static async Task TrueAsync(Func<Task<bool>> condition, string what, TimeSpan? timeout = null)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > (timeout ?? DefaultTimeout))
                throw new TimeoutException($"Waited {clock.Elapsed.TotalSeconds:0.0}s for {what}.");
            await Task.Delay(20);
        }
    }

    public static async Task<T> ValueAsync<T>(Func<T?> probe, string what, TimeSpan? timeout = null) where T : class
    {
        T? value = null;
        await TrueAsync(() => Task.FromResult((value = probe()) is not null), what, timeout);
        return value!;
    }
}
