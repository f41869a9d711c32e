using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Npgsql;
using MassTransit.Mediator;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Messaging;

internal static class OutboxRegistration
{
    public static IServiceCollection AddOutboxDispatcher<TDb>(this IServiceCollection services, string schema)
        where TDb : ModuleDbContext
    {
        var table = new OutboxTable(schema);
        services.AddSingleton(table);
        services.AddSingleton(new InboxTable<TDb>(table));
        // Not AddHostedService: it de-duplicates by implementation type and would keep only the first module's dispatcher.
        services.AddSingleton<IHostedService>(sp => new OutboxDispatcher(
            table,
            sp.GetRequiredService<NpgsqlDataSource>(),
            sp.GetRequiredService<IMediator>(),
            sp.GetRequiredService<IOptions<OutboxOptions>>(),
            sp.GetRequiredService<TimeProvider>(),
            sp.GetRequiredService<ILogger<OutboxDispatcher>>(),
            sp.GetRequiredService<PostgresNotifications>()));
        return services;
    }
}

/// <summary>The inbox table a module's consumers record handled messages in.</summary>
internal sealed record InboxTable<TDb>(OutboxTable Table) where TDb : ModuleDbContext;
