using WorkshopCrm.Shared;
using System.ComponentModel.DataAnnotations;
using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Invitations;

/// <summary>Invitations: a Business Owner invites Salespersons by e-mail; they accept with a one-time link.</summary>
public static class InvitationsModule
{
    /// <summary>The module as the Host composes it (endpoints, consumers, migrations).</summary>
    public static ModuleDescriptor Descriptor { get; } =
        new("Invitations", InvitationsDb.SchemaName, typeof(InvitationsModule).Assembly, typeof(InvitationsDb));

    public static Assembly Assembly => Descriptor.Assembly;

    public static IServiceCollection AddInvitationsModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Descriptor);
        services.AddModuleDbContext<InvitationsDb>(InvitationsDb.SchemaName);
        services.AddOptions<InvitationOptions>().Bind(configuration.GetSection(InvitationOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<Mail.InvitationMail>();
        services.AddScoped<Invites.IdentityQuestions>();
        services.AddSingleton<Invites.InvitationLinks>();
        services.AddHostedService<Invites.ExpireInvitations>();
        services.AddSingleton<ITenantDataExport, InvitationsData>();
        return services;
    }
}

/// <summary>Configuration section "Invitations".</summary>
internal sealed class InvitationOptions
{
    public const string Section = "Invitations";

    [TimeSpanRange("00:10:00", "90.00:00:00")]
    public TimeSpan Lifetime { get; set; } = TimeSpan.FromDays(7);

    /// <summary>New invitations one company may send per hour.</summary>
    [Range(1, 10_000)]
    public int PerTenantPerHour { get; set; } = 20;

    /// <summary>How often Pending invitations past their expiry are marked Expired.</summary>
    [TimeSpanRange("00:00:01", "1.00:00:00")]
    public TimeSpan ExpiryCheckInterval { get; set; } = TimeSpan.FromMinutes(1);
}
