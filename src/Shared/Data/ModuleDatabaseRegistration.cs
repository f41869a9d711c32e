using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Shared.Data;

public static class ModuleDatabaseRegistration
{
    /// <summary>
    /// Registers a module's DbContext: pooled, on the shared data source, snake_case names, migrations history in the
    /// module's own schema; a scoped instance bound to the caller's tenant, acting for the caller; and the module's outbox dispatcher.
    /// </summary>
    public static IServiceCollection AddModuleDbContext<TDb>(this IServiceCollection services, string schema)
        where TDb : ModuleDbContext
    {
        services.AddPooledDbContextFactory<TDb>((sp, options) =>
            options.UseModuleDatabase(sp.GetRequiredService<NpgsqlDataSource>(), schema));
        services.AddSingleton<ModuleDbFactory<TDb>>();
        services.AddScoped(sp =>
        {
            var factory = sp.GetRequiredService<ModuleDbFactory<TDb>>();
            var user = sp.GetRequiredService<ICurrentUser>();
            if (!user.IsAuthenticated)
                return factory.WithoutTenant();
            var db = factory.ForTenant(user.TenantId);
            db.ActingUserId = user.UserId;
            return db;
        });
        services.AddSingleton<IModuleMigrator>(new ModuleMigrator<TDb>(schema));
        services.AddOutboxDispatcher<TDb>(schema);
        return services;
    }

    /// <summary>The one place that says how a module talks to PostgreSQL (also used by design-time factories).</summary>
    public static TBuilder UseModuleDatabase<TBuilder>(this TBuilder options, NpgsqlDataSource dataSource, string schema)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(dataSource, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention()
            .AddInterceptors(TenantBinding.Instance, NotifyAtCommit.Instance, AfterCommitHooks.Instance)
            // EF warns of every Skip/Take without an OrderBy, once per query shape. Ours are on purpose and need no order:
            // the lead search's OFFSET 0 fence and its capped counts (count the first N matches, whichever they are);
            // every page orders itself. At Warning they were three lines of noise in each start's console.
            .ConfigureWarnings(w => w.Log((CoreEventId.RowLimitingOperationWithoutOrderByWarning, LogLevel.Debug)));
        return options;
    }

    /// <summary>The same, over one open connection (the migrations role's, see <see cref="DatabaseMigrator"/>).</summary>
    public static TBuilder UseModuleDatabase<TBuilder>(this TBuilder options, NpgsqlConnection connection, string schema)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connection, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention();
        return options;
    }

    /// <summary>The same, from a connection string (design-time factories).</summary>
    public static TBuilder UseModuleDatabase<TBuilder>(this TBuilder options, string connectionString, string schema)
        where TBuilder : DbContextOptionsBuilder
    {
        options.UseNpgsql(connectionString, npgsql => npgsql.MigrationsHistoryTable("__ef_migrations_history", schema))
            .UseSnakeCaseNamingConvention();
        return options;
    }
}
