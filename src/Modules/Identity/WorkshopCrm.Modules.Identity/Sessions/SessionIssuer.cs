using System.Security.Claims;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;
using WorkshopCrm.Modules.Identity.Tenants;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Tenancy;
using WorkshopCrm.Contracts.Identity;

namespace WorkshopCrm.Modules.Identity.Sessions;

/// <summary>A signed-in answer: the body of "tokens" (API.md) and the refresh token that goes only into the cookie.</summary>
internal sealed record SignedIn(TokensResponse Body, string RefreshToken, DateTimeOffset RefreshExpiresAt, bool RememberMe);

/// <summary>What a presented refresh secret is to its session (docs/adr/0003).</summary>
internal enum RefreshVerdict
{
    /// <summary>The session's current secret.</summary>
    Current,

    /// <summary>The secret spent by the last rotation, within the grace window: another tab refreshed at the same moment.</summary>
    JustRotated,

    /// <summary>A genuine secret of this session that was spent: stolen or replayed.</summary>
    Spent,

    /// <summary>Never a secret of this session (a guess, or garbage next to an id seen in an access token).</summary>
    Unknown,
}

/// <summary>Starts and rotates sign-in sessions and signs access tokens.</summary>
internal sealed class SessionIssuer(IOptions<JwtOptions> jwtOptions, TimeProvider clock)
{
    /// <summary>How long the secret spent by a rotation still gets the same answer (two tabs refreshing at once).</summary>
    public static readonly TimeSpan RotationGrace = TimeSpan.FromSeconds(30);

    /// <summary>How many spent secrets a session remembers, to tell a replayed one from a guess.</summary>
    private const int SpentKept = 16;

    private static readonly JsonWebTokenHandler Tokens = new();
    private JwtOptions Jwt => jwtOptions.Value;

    /// <summary>A new session row (to be saved by the caller) and the tokens for it.</summary>
    public (Session Session, SignedIn SignedIn) Start(User user, Tenant tenant, bool rememberMe, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var secret = OneTimeSecret.New();
        var session = new Session
        {
            Id = OneTimeSecret.New(),
            UserId = user.Id,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 1000),
            Payload = JsonSerializer.Serialize(new SessionPayload(rememberMe, now)),
            LastActivity = (int)now.ToUnixTimeSeconds(),
            TokenHash = OneTimeSecret.Hash(secret),
            ExpiresAt = now + RefreshLifetime(rememberMe),
        };
        return (session, Answer(user, tenant, session, secret, rememberMe));
    }

    /// <summary>
    /// Spends the presented secret and gives the session the next one; the expiry slides forward. The next secret is
    /// derived from the spent one with a server key, so the same answer can be given again within the grace window
    /// (<see cref="Reissue"/>) although only hashes are stored.
    /// </summary>
    public SignedIn Rotate(Session session, User user, Tenant tenant, string presented)
    {
        var now = clock.GetUtcNow();
        var payload = PayloadOf(session);
        var next = Next(session.Id, presented);
        session.TokenHash = OneTimeSecret.Hash(next);
        session.LastActivity = (int)now.ToUnixTimeSeconds();
        session.ExpiresAt = now + RefreshLifetime(payload.RememberMe);
        session.Payload = JsonSerializer.Serialize(payload with
        {
            Spent = [OneTimeSecret.Hash(presented), .. (payload.Spent ?? []).Take(SpentKept - 1)],
            RotatedAt = now,
        });
        return Answer(user, tenant, session, next, payload.RememberMe);
    }

    /// <summary>The answer the last rotation gave, again: for a secret it spent within <see cref="RotationGrace"/>.</summary>
    public SignedIn Reissue(Session session, User user, Tenant tenant, string presented) =>
        Answer(user, tenant, session, Next(session.Id, presented), PayloadOf(session).RememberMe);

    /// <summary>Whether <paramref name="presented"/> is the session's secret, the one just spent, an older spent one, or none.</summary>
    public RefreshVerdict Judge(Session session, string presented)
    {
        if (Matches(session, presented))
            return RefreshVerdict.Current;
        var payload = PayloadOf(session);
        var spent = payload.Spent ?? [];
        if (!spent.Any(hash => OneTimeSecret.Matches(hash, presented)))
            return RefreshVerdict.Unknown;
        var justRotated = OneTimeSecret.Matches(spent[0], presented)
            && payload.RotatedAt is { } rotatedAt && clock.GetUtcNow() - rotatedAt <= RotationGrace
            && Matches(session, Next(session.Id, presented));
        return justRotated ? RefreshVerdict.JustRotated : RefreshVerdict.Spent;
    }

    public bool IsExpired(Session session) => session.ExpiresAt <= clock.GetUtcNow();

    private string Next(string sessionId, string spent) => Base64UrlEncoder.Encode(
        System.Security.Cryptography.HMACSHA256.HashData(Jwt.KeyBytes, System.Text.Encoding.UTF8.GetBytes($"refresh-rotation:{sessionId}:{spent}")));

    /// <summary>Splits "{sessionId}.{secret}"; false for anything else.</summary>
    public static bool TryParse(string? refreshToken, out string sessionId, out string secret)
    {
        sessionId = secret = "";
        var dot = refreshToken?.IndexOf('.', StringComparison.Ordinal) ?? -1;
        if (refreshToken is null || dot <= 0 || dot == refreshToken.Length - 1 || refreshToken.Length > 200)
            return false;
        sessionId = refreshToken[..dot];
        secret = refreshToken[(dot + 1)..];
        return true;
    }

    public static bool Matches(Session session, string secret) => OneTimeSecret.Matches(session.TokenHash, secret);

    private SignedIn Answer(User user, Tenant tenant, Session session, string secret, bool rememberMe)
    {
        var body = new TokensResponse(AccessTokenFor(user, session), (int)Jwt.AccessTokenLifetime.TotalSeconds, UserViews.Of(user, tenant));
        return new SignedIn(body, $"{session.Id}.{secret}", session.ExpiresAt, rememberMe);
    }

    private string AccessTokenFor(User user, Session session)
    {
        var now = clock.GetUtcNow().UtcDateTime;
        return Tokens.CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Jwt.Issuer,
            Audience = Jwt.Audience,
            IssuedAt = now,
            NotBefore = now,
            Expires = now + Jwt.AccessTokenLifetime,
            Subject = new ClaimsIdentity(
            [
                new Claim(CrmClaims.UserId, user.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(CrmClaims.TenantId, user.TenantId.ToString(System.Globalization.CultureInfo.InvariantCulture)),
                new Claim(CrmClaims.Role, Role.ApiName(user.RoleId)),
                new Claim(CrmClaims.Name, user.Name),
                new Claim(CrmClaims.Email, user.Email),
                new Claim(CrmClaims.SessionId, session.Id),
            ]),
            SigningCredentials = new SigningCredentials(new SymmetricSecurityKey(Jwt.KeyBytes), SecurityAlgorithms.HmacSha256),
        });
    }

    private TimeSpan RefreshLifetime(bool rememberMe) => rememberMe ? Jwt.RememberMeRefreshLifetime : Jwt.RefreshLifetime;

    private static SessionPayload PayloadOf(Session session) =>
        JsonSerializer.Deserialize<SessionPayload>(session.Payload) ?? new SessionPayload(false, DateTimeOffset.MinValue);

    /// <summary>Whether <paramref name="presented"/> was ever this session's secret (current or spent).</summary>
    public static bool IsGenuine(Session session, string presented) =>
        Matches(session, presented) || (PayloadOf(session).Spent ?? []).Any(hash => OneTimeSecret.Matches(hash, presented));

    private static string? Truncate(string value, int max) =>
        value.Length == 0 ? null : value.Length <= max ? value : value[..max];

    /// <summary>The seed's payload column: the sign-in's options, and the hashes of the secrets it spent (newest first).</summary>
    private sealed record SessionPayload(bool RememberMe, DateTimeOffset SignedInAt, string[]? Spent = null, DateTimeOffset? RotatedAt = null);
}
