using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Messaging;

internal static class OutboxRegistration
{
    public static IServiceCollection AddOutboxDispatcher<TDb>(this IServiceCollection services, string schema)
        where TDb : ModuleDbContext
    {
        var table = new ModuleMessageTables(schema);
        services.AddSingleton(table);
        // Not AddHostedService: it de-duplicates by implementation type and would keep only the first module's dispatcher.
        services.AddSingleton<IHostedService>(sp => ActivatorUtilities.CreateInstance<OutboxDispatcher>(sp, table));
        return services;
    }
}
