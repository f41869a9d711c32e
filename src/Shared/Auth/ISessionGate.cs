namespace WorkshopCrm.Shared.Auth;

/// <summary>
/// Decides, per request, whether a signature-valid access token still stands: its sign-in (the <c>sid</c> claim)
/// still exists and its user is still Active. Logout, deactivation, password change and reset take effect at once.
/// </summary>
public interface ISessionGate
{
    ValueTask<bool> AllowsAsync(string sessionId, long userId, CancellationToken ct);
}
