namespace WorkshopCrm.Shared.Auth;

/// <summary>Names every module uses for the sign-in family of routes (Identity defines the limits behind them).</summary>
public static class AuthPolicies
{
    /// <summary>The rate-limiter policy of every anonymous sign-in-like route (per client address): /api/auth/* and invitation links.</summary>
    public const string PerIpRateLimit = "identity.auth-per-ip";
}
