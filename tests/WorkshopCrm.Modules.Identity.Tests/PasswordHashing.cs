using System.Buffers.Binary;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Internal;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Users;

namespace WorkshopCrm.Modules.Identity.Tests;

/// <summary>
/// How passwords are hashed (ADR 0031): OWASP's 210,000 PBKDF2-HMAC-SHA512 rounds on a real install, fewer only for the
/// test suite, and a password hashed with fewer rounds than configured is hashed again at its next sign-in.
/// </summary>
public sealed class PasswordHashing(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    private static readonly User Anyone = new() { Name = "", Email = "", Password = "" };

    [Fact]
    public void A_real_install_hashes_with_210000_rounds_and_refuses_to_start_with_fewer()
    {
        using var production = Services("Production", iterations: null);
        var hash = Convert.FromBase64String(production.GetRequiredService<IPasswordHasher<User>>().HashPassword(Anyone, "a password"));
        Assert.Equal(0x01, hash[0]); // Identity's v3 format ...
        Assert.Equal(2u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(1))); // ... with HMAC-SHA512 ...
        Assert.Equal(210_000u, BinaryPrimitives.ReadUInt32BigEndian(hash.AsSpan(5))); // ... and OWASP's rounds

        using var weakened = Services("Production", iterations: "1000");
        var refused = Assert.Throws<OptionsValidationException>(() => weakened.GetRequiredService<IOptions<PasswordHasherOptions>>().Value);
        Assert.Contains("Identity:PasswordHashIterations must be at least 210000", refused.Message, StringComparison.Ordinal);

        using var testing = Services("Testing", iterations: "1000");
        Assert.Equal(1000, testing.GetRequiredService<IOptions<PasswordHasherOptions>>().Value.IterationCount);
    }

    [Fact]
    public async Task A_password_hashed_with_fewer_rounds_than_configured_is_hashed_again_at_the_next_sign_in()
    {
        var owner = await app.ACompanyAsync();
        var older = new PasswordHasher<User>(Options.Create(new PasswordHasherOptions { IterationCount = 500 }))
            .HashPassword(Anyone, owner.Password);
        await app.ExecuteAsync("UPDATE identity.users SET password = @p0 WHERE id = @p1", older, owner.UserId);

        await app.SignInAsync(owner.Email, owner.Password);

        var stored = await app.ScalarAsync<string>("SELECT password FROM identity.users WHERE id = @p0", owner.UserId);
        Assert.Equal(int.Parse(TestPasswords.Iterations, System.Globalization.CultureInfo.InvariantCulture), RoundsOf(stored!));
        await app.SignInAsync(owner.Email, owner.Password); // and the new hash still opens the account
    }

    private static ServiceProvider Services(string environment, string? iterations)
    {
        var settings = new Dictionary<string, string?>();
        if (iterations is not null)
            settings[TestPasswords.IterationsKey] = iterations;
        var services = new ServiceCollection();
        services.AddSingleton<IHostEnvironment>(new HostingEnvironment { EnvironmentName = environment });
        services.AddIdentityModule(new ConfigurationBuilder().AddInMemoryCollection(settings).Build());
        return services.BuildServiceProvider();
    }

    /// <summary>The round count ASP.NET Core Identity's v3 format keeps in a hash: bytes 5–8, big-endian, after the format and PRF.</summary>
    private static int RoundsOf(string hash) => (int)BinaryPrimitives.ReadUInt32BigEndian(Convert.FromBase64String(hash).AsSpan(5, 4));
}
