using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace WorkshopCrm.Modules.Identity;

/// <summary>
/// Refuses to start with fewer than OWASP's PBKDF2-HMAC-SHA512 rounds anywhere but the "Testing" environment, so a
/// knob meant for the test suite cannot weaken a real install's password hashes.
/// </summary>
internal sealed class PasswordWorkFactor(IHostEnvironment environment) : IValidateOptions<IdentityOptions>
{
    public const int Owasp = 210_000;

    public ValidateOptionsResult Validate(string? name, IdentityOptions options) =>
        options.PasswordHashIterations >= Owasp || environment.IsEnvironment("Testing")
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Identity:PasswordHashIterations must be at least {Owasp} (OWASP's guidance for PBKDF2-HMAC-SHA512); " +
                $"fewer rounds are allowed only in the Testing environment, not in {environment.EnvironmentName}.");
}
