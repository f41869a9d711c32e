using System.Reflection;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Http.Resilience;
using Microsoft.Extensions.Options;
using Polly;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.WhatsApp;

/// <summary>WhatsApp: the company's connection through Evolution API v2, chats fetched on demand, sending, live messages.</summary>
public static class WhatsAppModule
{
    /// <summary>The module as the Host composes it (endpoints, consumers, migrations).</summary>
    public static ModuleDescriptor Descriptor { get; } =
        new("WhatsApp", WhatsAppDb.SchemaName, typeof(WhatsAppModule).Assembly, typeof(WhatsAppDb));

    public static Assembly Assembly => Descriptor.Assembly;

    public static IServiceCollection AddWhatsAppModule(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSingleton(Descriptor);
        services.AddModuleDbContext<WhatsAppDb>(WhatsAppDb.SchemaName);
        services.AddOptions<EvolutionOptions>().Bind(configuration.GetSection(EvolutionOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<InstanceIdentity>();
        services.AddSingleton<ITenantDataExport, WhatsAppData>();
        services.AddSingleton<Live.ChatRelay>();
        services.AddSingleton<WorkshopCrm.Shared.Http.LiveFeed<Live.ChatEvent>>();
        services.AddHostedService<Live.ChatListener>();
        services.AddSingleton<Connections.ConnectionHealer>();
        services.AddHostedService(sp => sp.GetRequiredService<Connections.ConnectionHealer>());

        services.AddHttpClient<EvolutionClient>((sp, http) =>
            {
                var evolution = sp.GetRequiredService<IOptions<EvolutionOptions>>().Value;
                if (Uri.TryCreate(evolution.BaseUrl?.TrimEnd('/') + "/", UriKind.Absolute, out var baseUrl))
                    http.BaseAddress = baseUrl;
                http.DefaultRequestHeaders.Add("apikey", evolution.ApiKey ?? "");
                http.Timeout = Timeout.InfiniteTimeSpan; // the resilience pipeline bounds every call
            })
            .AddResilienceHandler("evolution", (pipeline, context) =>
            {
                var evolution = context.ServiceProvider.GetRequiredService<IOptions<EvolutionOptions>>().Value;
                pipeline.AddTimeout(evolution.TotalTimeout); // the whole call, retries included, well inside API.md's 10 s
                pipeline.AddRetry(new HttpRetryStrategyOptions
                {
                    MaxRetryAttempts = 2,
                    Delay = TimeSpan.FromMilliseconds(200),
                    BackoffType = DelayBackoffType.Exponential,
                    UseJitter = true,
                    // only calls that can be repeated safely: reading and deleting, never sending a message twice
                    ShouldHandle = args => ValueTask.FromResult(
                        args.Context.GetRequestMessage()?.Method is { } method && (method == HttpMethod.Get || method == HttpMethod.Delete)
                        && HttpClientResiliencePredicates.IsTransient(args.Outcome)),
                });
                pipeline.AddCircuitBreaker(new HttpCircuitBreakerStrategyOptions
                {
                    FailureRatio = 0.5,
                    MinimumThroughput = 6,
                    SamplingDuration = TimeSpan.FromSeconds(30),
                    BreakDuration = TimeSpan.FromSeconds(10),
                });
                pipeline.AddTimeout(evolution.TotalTimeout / 2.5); // one attempt
            });
        return services;
    }
}
