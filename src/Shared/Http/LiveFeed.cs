using System.Collections.Concurrent;
using System.Runtime.CompilerServices;
using System.Threading.Channels;
using FastEndpoints;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Shared.Http;

/// <summary>
/// The open live screens of this instance (board, WhatsApp), each with a small queue of the events it wants. A slow
/// screen loses its oldest events, never blocks the others.
/// </summary>
public sealed class LiveFeed<TEvent> where TEvent : class
{
    private readonly ConcurrentDictionary<Guid, (Func<TEvent, bool> Wants, Channel<TEvent> Channel)> _screens = new();

    public (ChannelReader<TEvent> Events, IDisposable Subscription) Subscribe(Func<TEvent, bool> wants)
    {
        var id = Guid.NewGuid();
        var channel = Channel.CreateBounded<TEvent>(new BoundedChannelOptions(256) { FullMode = BoundedChannelFullMode.DropOldest });
        _screens[id] = (wants, channel);
        return (channel.Reader, new Unsubscribe(() => _screens.TryRemove(id, out _)));
    }

    public void Publish(TEvent e)
    {
        foreach (var (wants, channel) in _screens.Values)
        {
            if (wants(e))
                channel.Writer.TryWrite(e);
        }
    }

    private sealed class Unsubscribe(Action action) : IDisposable
    {
        public void Dispose() => action();
    }
}

/// <summary>Server-Sent Events for a <see cref="LiveFeed{TEvent}"/> screen.</summary>
public static class LiveStreaming
{
    /// <summary>
    /// Server-Sent Events for one screen: <c>ready</c> first, then each event as <paramref name="toItem"/> makes it, and a
    /// <c>ping</c> every 20 s of silence so proxies keep the stream open. The stream ends as soon as the caller's sign-in
    /// ends (logout, deactivation, password change, company deleted): nothing more reaches an ended session.
    /// </summary>
    public static async IAsyncEnumerable<StreamItem> StreamAsync<TEvent>(
        ChannelReader<TEvent> events, Func<TEvent, StreamItem> toItem, ISessionGate gate, ICurrentUser caller, TimeProvider clock,
        [EnumeratorCancellation] CancellationToken ct)
        where TEvent : class
    {
        var (sessionId, userId) = (caller.SessionId, caller.UserId);
        yield return new StreamItem(NewId(), "ready", new { });
        while (!ct.IsCancellationRequested)
        {
            using var heartbeat = CancellationTokenSource.CreateLinkedTokenSource(ct);
            heartbeat.CancelAfter(TimeSpan.FromSeconds(20));
            TEvent? next = null;
            try
            {
                next = await events.ReadAsync(heartbeat.Token);
            }
            catch (OperationCanceledException) when (!ct.IsCancellationRequested)
            {
            }

            if (!await gate.AllowsAsync(sessionId, userId, ct))
                yield break;
            yield return next is null ? new StreamItem(NewId(), "ping", new { at = clock.GetUtcNow() }) : toItem(next);
        }
    }

    public static string NewId() => Guid.NewGuid().ToString("N");
}
