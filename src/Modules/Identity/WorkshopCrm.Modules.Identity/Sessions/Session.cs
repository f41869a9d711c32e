namespace WorkshopCrm.Modules.Identity.Sessions;

/// <summary>
/// identity.sessions: one row per sign-in (a refresh-token family). The refresh token is "{Id}.{secret}"; only the
/// secret's SHA-256 is kept. Each refresh replaces the hash; a spent secret presented again revokes the row.
/// </summary>
internal sealed class Session
{
    public required string Id { get; set; }
    public long? UserId { get; set; }
    public string? IpAddress { get; set; }
    public string? UserAgent { get; set; }

    /// <summary>JSON describing the sign-in (remember me, when it started).</summary>
    public required string Payload { get; set; }

    /// <summary>Unix seconds of the last refresh (the seed's integer column).</summary>
    public int LastActivity { get; set; }

    public required string TokenHash { get; set; }
    public DateTimeOffset ExpiresAt { get; set; }
}

/// <summary>identity.password_reset_tokens: one row per e-mail, token stored hashed.</summary>
internal sealed class PasswordResetToken
{
    public required string Email { get; set; }
    public required string Token { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
}
