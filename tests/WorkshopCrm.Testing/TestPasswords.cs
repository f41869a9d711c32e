namespace WorkshopCrm.Testing;

/// <summary>
/// The password work factor every test Host runs with (ADR 0031). Each sign-up, sign-in, invitation accepted and
/// password reset hashes once, and the suite does that thousands of times: at OWASP's 210,000 PBKDF2 rounds (~0.2 s of
/// CPU each) that was minutes of a CPU-bound run. The Host allows fewer rounds only in the "Testing" environment.
/// </summary>
public static class TestPasswords
{
    public const string IterationsKey = "Identity:PasswordHashIterations";
    public const string Iterations = "1000";
}
