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

namespace WorkshopCrm.Modules.Identity.Sessions;

/// <summary>A signed-in answer: the body of "tokens" (API.md) and the refresh token that goes only into the cookie.</summary>
internal sealed record SignedIn(TokensResponse Body, string RefreshToken, DateTimeOffset RefreshExpiresAt, bool RememberMe);

/// <summary>Starts and rotates sign-in sessions and signs access tokens.</summary>
internal sealed class SessionIssuer(IOptions<JwtOptions> jwtOptions, TimeProvider clock)
{
    private static readonly JsonWebTokenHandler Tokens = new();
    private JwtOptions Jwt => jwtOptions.Value;

    /// <summary>A new session row (to be saved by the caller) and the tokens for it.</summary>
    public (Session Session, SignedIn SignedIn) Start(User user, Tenant tenant, bool rememberMe, HttpContext http)
    {
        var now = clock.GetUtcNow();
        var secret = Secrets.New();
        var session = new Session
        {
            Id = Secrets.New(),
            UserId = user.Id,
            IpAddress = http.Connection.RemoteIpAddress?.ToString(),
            UserAgent = Truncate(http.Request.Headers.UserAgent.ToString(), 1000),
            Payload = JsonSerializer.Serialize(new SessionPayload(rememberMe, now)),
            LastActivity = (int)now.ToUnixTimeSeconds(),
            TokenHash = Secrets.Hash(secret),
            ExpiresAt = now + RefreshLifetime(rememberMe),
        };
        return (session, Answer(user, tenant, session, secret, rememberMe));
    }

    /// <summary>Spends the presented secret and gives the session a new one; the expiry slides forward.</summary>
    public SignedIn Rotate(Session session, User user, Tenant tenant)
    {
        var now = clock.GetUtcNow();
        var rememberMe = PayloadOf(session).RememberMe;
        var secret = Secrets.New();
        session.TokenHash = Secrets.Hash(secret);
        session.LastActivity = (int)now.ToUnixTimeSeconds();
        session.ExpiresAt = now + RefreshLifetime(rememberMe);
        return Answer(user, tenant, session, secret, rememberMe);
    }

    public bool IsExpired(Session session) => session.ExpiresAt <= clock.GetUtcNow();

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

    public static bool Matches(Session session, string secret) => Secrets.Matches(session.TokenHash, secret);

    private SignedIn Answer(User user, Tenant tenant, Session session, string secret, bool rememberMe)
    {
        var body = new TokensResponse(AccessTokenFor(user, session), (int)Jwt.AccessTokenLifetime.TotalSeconds, UserView.Of(user, tenant));
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

    private static string? Truncate(string value, int max) =>
        value.Length == 0 ? null : value.Length <= max ? value : value[..max];

    private sealed record SessionPayload(bool RememberMe, DateTimeOffset SignedInAt);
}
