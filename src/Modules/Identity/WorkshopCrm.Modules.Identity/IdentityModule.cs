using System.Reflection;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Identity.Auth;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Identity;

/// <summary>Identity: tenants, users, roles, sign-up, sign-in and sessions.</summary>
public static class IdentityModule
{
    /// <summary>The module as the Host composes it (endpoints, consumers, migrations).</summary>
    public static ModuleDescriptor Descriptor { get; } =
        new("Identity", IdentityDb.SchemaName, typeof(IdentityModule).Assembly, typeof(IdentityDb));

    public static Assembly Assembly => Descriptor.Assembly;

    public static IServiceCollection AddIdentityModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Descriptor);
        services.AddModuleDbContext<IdentityDb>(IdentityDb.SchemaName);

        services.AddOptions<PasswordHasherOptions>()
            .Configure<IOptions<IdentityOptions>>((hasher, identity) => hasher.IterationCount = identity.Value.PasswordHashIterations);
        services.AddSingleton<IPasswordHasher<User>, PasswordHasher<User>>();
        services.AddSingleton<Credentials>();
        services.AddSingleton<SessionIssuer>();
        services.AddSingleton<AccountOpening>();
        services.AddOptions<IdentityOptions>().Bind(configuration.GetSection(IdentityOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<IdentityOptions>, PasswordWorkFactor>();
        services.AddSingleton<SessionGate>();
        services.AddSingleton<ISessionGate>(sp => sp.GetRequiredService<SessionGate>());
        services.AddSingleton<SessionRevocation>();
        services.AddHostedService<SessionEndsListener>();
        services.AddSingleton<Mail.IdentityMail>();
        services.AddSingleton<Mail.VerificationMailer>();
        services.AddSingleton<IDemoSeeder, Demo.IdentityDemoSeeder>();
        services.AddSingleton<ITenantDataExport, IdentityData>();

        services.AddOptions<AuthRateLimitOptions>().Bind(configuration.GetSection(AuthRateLimitOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<EmailThrottle>();
        services.AddSingleton<RateCounters>();
        services.AddSingleton<IAddressRateLimit, AddressThrottle>();
        return services;
    }
}
