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
internal sealed class SessionGate(ModuleDbFactory<IdentityDb> dbs, IMemoryCache cache, IOptions<IdentityOptions> options, TimeProvider clock)
    : ISessionGate
{
    public async ValueTask<bool> AllowsAsync(string sessionId, long userId, CancellationToken ct)
    {
        if (sessionId.Length == 0)
            return false;
        if (cache.TryGetValue(Key(sessionId), out bool allowed))
            return allowed;

        await using var db = dbs.WithoutTenant();
        var now = clock.GetUtcNow();
        allowed = await db.Sessions.AnyAsync(s => s.Id == sessionId && s.UserId == userId && s.ExpiresAt > now
            && db.Users.IgnoreQueryFilters().Any(u => u.Id == userId && u.UserStatusId == UserStatus.Active), ct);
        cache.Set(Key(sessionId), allowed, options.Value.SessionCheckCache);
        return allowed;
    }

    public void Forget(IEnumerable<string> sessionIds)
    {
        foreach (var id in sessionIds)
            cache.Remove(Key(id));
    }

    private static string Key(string sessionId) => "identity.session:" + sessionId;
}

/// <summary>
/// Ends sign-ins: deletes their rows in the caller's transaction and answers their ids; once the caller has
/// committed, <see cref="Forget"/> makes the gate refuse their access tokens at once.
/// </summary>
internal sealed class SessionRevocation(SessionGate gate)
{
    /// <summary>Every sign-in of the user except <paramref name="keep"/> (the caller's own, on a password change).</summary>
    public async Task<IReadOnlyList<string>> RevokeAllOfUserAsync(IdentityDb db, long userId, string? keep, CancellationToken ct)
    {
        var ids = await db.Sessions.Where(s => s.UserId == userId && s.Id != keep).Select(s => s.Id).ToListAsync(ct);
        await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
        return ids;
    }

    /// <summary>Every sign-in of every user of the tenant (company deletion).</summary>
    public async Task<IReadOnlyList<string>> RevokeTenantAsync(IdentityDb db, long tenantId, CancellationToken ct)
    {
        var userIds = db.Users.IgnoreQueryFilters().Where(u => u.TenantId == tenantId).Select(u => (long?)u.Id);
        var ids = await db.Sessions.Where(s => userIds.Contains(s.UserId)).Select(s => s.Id).ToListAsync(ct);
        await db.Sessions.Where(s => ids.Contains(s.Id)).ExecuteDeleteAsync(ct);
        return ids;
    }

    public void Forget(IEnumerable<string> sessionIds) => gate.Forget(sessionIds);
}
