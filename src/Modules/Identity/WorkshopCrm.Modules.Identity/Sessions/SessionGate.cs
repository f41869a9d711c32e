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
/// cached briefly; revocations in this process forget it at once (another instance learns within the cache time).
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

    private static string Key(string sessionId) => "identity.session:" + sessionId;
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
        db.AfterCommit(() => gate.Forget(sessionIds));
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
