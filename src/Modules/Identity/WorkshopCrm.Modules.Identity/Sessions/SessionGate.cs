using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Identity.Sessions;

/// <summary>
/// Checked on every authenticated request: the token's sign-in still exists and its user is Active. The answer is
/// cached briefly; a revocation forgets it at once in this process, and in every other Host instance as soon as its
/// NOTIFY arrives (<see cref="SessionEnds"/>), well within a second; the cache time is only the fallback for a
/// notification lost with a dropped LISTEN connection, and even then a reconnect forgets everything cached.
/// </summary>
/// <remarks>
/// A request that read "still stands" just before a revocation committed must not cache that answer after the
/// revocation forgot it, or the ended sign-in would keep working for the cache time: every <see cref="Forget"/>
/// bumps a counter, and an answer read across a bump is dropped from the cache again.
/// </remarks>
internal class SessionGate(ModuleDbFactory<IdentityDb> dbs, IMemoryCache cache, IOptions<IdentityOptions> options, TimeProvider clock)
    : ISessionGate
{
    private long _forgets;
    private long _generation;

    public async ValueTask<bool> AllowsAsync(string sessionId, long userId, CancellationToken ct)
    {
        if (sessionId.Length == 0)
            return false;
        // The cache holds whose sign-in it is (or that it stands for nobody): a token is let through only when its
        // sub is the sign-in's own user, so a sid never vouches for a token of another user.
        if (cache.TryGetValue(Key(sessionId), out long? cachedOwner))
            return cachedOwner == userId;

        var forgets = Interlocked.Read(ref _forgets);
        var owner = await OwnerAsync(sessionId, ct);
        cache.Set(Key(sessionId), owner, options.Value.SessionCheckCache);
        if (Interlocked.Read(ref _forgets) != forgets)
            cache.Remove(Key(sessionId)); // a sign-in ended while we asked: this answer may be from before it
        return owner == userId;
    }

    public void Forget(IEnumerable<string> sessionIds)
    {
        Interlocked.Increment(ref _forgets);
        foreach (var id in sessionIds)
            cache.Remove(Key(id));
    }

    /// <summary>Forgets every cached answer (the notifications may have been missed): the next request of each sign-in asks again.</summary>
    public void ForgetAll()
    {
        Interlocked.Increment(ref _forgets);
        Interlocked.Increment(ref _generation); // the old keys are never read again and expire on their own
    }

    /// <summary>The database's answer: the user of the sign-in, if it exists, has not expired and its user is Active.</summary>
    protected virtual async Task<long?> OwnerAsync(string sessionId, CancellationToken ct)
    {
        // A sign-in id names no company: the check crosses tenants to read its user's status.
        await using var db = dbs.AcrossTenants();
        var now = clock.GetUtcNow();
        return await db.Sessions.Where(s => s.Id == sessionId && s.ExpiresAt > now
                && db.Users.IgnoreQueryFilters().Any(u => u.Id == s.UserId && u.UserStatusId == UserStatus.Active))
            .Select(s => s.UserId).SingleOrDefaultAsync(ct);
    }

    private string Key(string sessionId) => $"identity.session:{Interlocked.Read(ref _generation)}:{sessionId}";
}

/// <summary>
/// Tells every Host instance which sign-ins ended: a NOTIFY on <see cref="Channel"/> sent with the transaction that
/// deletes them (PostgreSQL delivers it at commit, never for a rollback), listened to on the Host's one LISTEN
/// connection. A payload stays far below NOTIFY's 8,000 bytes: ids go in groups of <see cref="PerNotification"/>.
/// </summary>
internal static class SessionEnds
{
    public const string Channel = "identity_sessions";
    public const int PerNotification = 100;

    public static async Task NotifyAsync(IdentityDb db, IReadOnlyCollection<string> sessionIds, CancellationToken ct)
    {
        foreach (var group in sessionIds.Chunk(PerNotification))
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {string.Join(',', group)})", ct);
    }
}

/// <summary>This instance's ear for sign-ins ended on any instance (and a clean slate after a reconnect).</summary>
internal sealed class SessionEndsListener : Microsoft.Extensions.Hosting.IHostedService
{
    public SessionEndsListener(WorkshopCrm.Shared.Messaging.PostgresNotifications notifications, SessionGate gate) =>
        notifications.Subscribe(SessionEnds.Channel, payload => gate.Forget(payload.Split(',', StringSplitOptions.RemoveEmptyEntries)), gate.ForgetAll);

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}

/// <summary>
/// Ends sign-ins in the caller's unit of work: deletes their rows, and once that commits the gate refuses their
/// access tokens at once (<see cref="Shared.Data.ModuleDbContext.AfterCommit"/>). No caller has to remember it.
/// </summary>
internal sealed class SessionRevocation(SessionGate gate)
{
    /// <summary>The given sign-ins.</summary>
    public async Task EndAsync(IdentityDb db, IReadOnlyCollection<string> sessionIds, CancellationToken ct)
    {
        if (sessionIds.Count == 0)
            return;
        await db.Sessions.Where(s => sessionIds.Contains(s.Id)).ExecuteDeleteAsync(ct);
        await SessionEnds.NotifyAsync(db, sessionIds, ct); // the other instances, when this commits
        db.AfterCommit(() => gate.Forget(sessionIds)); // this one, at once
    }

    /// <summary>Every sign-in of the user except <paramref name="keep"/> (the caller's own, on a password change).</summary>
    public async Task EndAllOfUserAsync(IdentityDb db, long userId, string? keep, CancellationToken ct) =>
        await EndAsync(db, await db.Sessions.Where(s => s.UserId == userId && s.Id != keep).Select(s => s.Id).ToListAsync(ct), ct);

    /// <summary>Every sign-in of every user of the tenant (company deletion).</summary>
    public async Task EndTenantAsync(IdentityDb db, long tenantId, CancellationToken ct)
    {
        var userIds = db.Users.IgnoreQueryFilters().Where(u => u.TenantId == tenantId).Select(u => (long?)u.Id);
        await EndAsync(db, await db.Sessions.Where(s => userIds.Contains(s.UserId)).Select(s => s.Id).ToListAsync(ct), ct);
    }
}
