using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Shared;

public static class SharedKernel
{
    /// <summary>What every module relies on: the database, the caller, the clock, the outbox, e-mail and problem details.</summary>
    public static IServiceCollection AddSharedKernel(this IServiceCollection services, IConfiguration configuration)
    {
        // Three pools: the requests' (and the consumers'), sized for the machine; the outbox dispatchers', which hold
        // their claim's connection while the consumers they run take one from the first pool, so that the two never
        // wait on each other; and the one LISTEN connection (ADR 0040).
        services.AddSingleton(sp => RuntimeDataSource(DefaultConnectionString(sp), Prepares(sp), RequestPoolSize));
        services.AddKeyedSingleton(OutboxDispatcher.DataSourceKey, (sp, _) => RuntimeDataSource(DefaultConnectionString(sp), Prepares(sp), OutboxPoolSize));
        // The one LISTEN connection needs a session of its own on the server: behind pgbouncer in transaction mode
        // (docs/operations/scale-out.md) ConnectionStrings__Listen names PostgreSQL itself; unset, the Default one.
        services.AddKeyedSingleton(PostgresNotifications.DataSourceKey, (sp, _) =>
            RuntimeDataSource(sp.GetRequiredService<IConfiguration>().GetConnectionString("Listen") is { Length: > 0 } listen ? listen : DefaultConnectionString(sp),
                prepare: false, defaultPoolSize: 1));
        services.AddSingleton<Data.DatabaseMigrator>();
        services.AddSingleton<Data.TenantDataZip>(); // the company's ZIP, from every module's ITenantDataExport
        services.AddSingleton(TimeProvider.System);
        services.AddHttpContextAccessor();
        services.AddMemoryCache();
        services.AddScoped<ICurrentUser, HttpCurrentUser>();

        services.AddOptions<JwtOptions>().Bind(configuration.GetSection(JwtOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<AppOptions>().Bind(configuration.GetSection(AppOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<OutboxOptions>().Bind(configuration.GetSection(OutboxOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<SmtpOptions>().Bind(configuration.GetSection(SmtpOptions.Section)).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IEmailSender, MailKitEmailSender>();
        services.AddSingleton<DeadLetters>();
        services.AddSingleton<PostgresNotifications>();
        services.AddSingleton<Microsoft.Extensions.Hosting.IHostedService>(sp => sp.GetRequiredService<PostgresNotifications>());

        services.AddProblemDetails(o => o.CustomizeProblemDetails = context =>
        {
            context.ProblemDetails.Extensions.TryAdd("code", CodeFor(context.ProblemDetails.Status));
            context.ProblemDetails.Extensions.TryAdd("traceId", context.HttpContext.TraceIdentifier);
        });
        services.AddExceptionHandler<CrmExceptionHandler>();
        return services;
    }

    /// <summary>
    /// Whether the Host's connections prepare the statements they run often (ADR 0033); false behind a pooler in
    /// transaction mode that does not carry prepared statements across server connections (pgbouncer before 1.21).
    /// </summary>
    public const string PrepareStatementsSetting = "Database:PrepareStatements";

    /// <summary>
    /// The Host's connections keep no session state between uses that a request could see: the tenant binding and the
    /// across role are transaction-local (ADR 0018), advisory locks transaction-level, no temporary table is made
    /// (tests/Architecture/SessionState.cs holds the source to that). So Npgsql's DISCARD ALL on every return to the
    /// pool is skipped: it threw away the server's cached plans of the triggers and foreign-key checks each request
    /// runs, re-planned on the next one (about 1 ms a write, ADR 0029).
    /// The one thing a connection does keep is its prepared statements (<paramref name="prepare"/>, ADR 0033): Npgsql
    /// prepares a statement once it has run twice on that connection, and PostgreSQL then plans it once instead of on
    /// every request — planning locked every index of every table named (32 relations for the board), past the 16
    /// a backend locks without the shared lock manager, whose lock the busy board's backends waited on.
    /// </summary>
    internal static NpgsqlDataSource RuntimeDataSource(string connectionString, bool prepare, int defaultPoolSize)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
        if (!SetsPoolSize(connectionString))
            builder.ConnectionStringBuilder.MaxPoolSize = defaultPoolSize;
        if (prepare)
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 128;
            builder.ConnectionStringBuilder.AutoPrepareMinUsages = 2;
        }
        else
        {
            builder.ConnectionStringBuilder.MaxAutoPrepare = 0;
        }

        return builder.Build();
    }

    /// <summary>
    /// How many connections the requests (and the consumers) use at most, unless the connection string says
    /// (<c>Maximum Pool Size</c>): four a core, at least eight (ADR 0040). PostgreSQL runs a statement per connection on
    /// the machine's cores; beyond a few per core, more connections add context switches and lock waits, not work,
    /// and a request waits for a connection in Npgsql's queue (first come, first served) instead.
    /// </summary>
    internal static int RequestPoolSize => Math.Max(8, 4 * Environment.ProcessorCount);

    /// <summary>The outbox dispatchers' pool: one claim at a time each, one dispatcher a module (four today), with room for more modules.</summary>
    internal const int OutboxPoolSize = 8;

    /// <summary>Whether the connection string names a pool size itself (any of Npgsql's spellings).</summary>
    internal static bool SetsPoolSize(string connectionString)
    {
        var parsed = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        return parsed.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant() is "MAXIMUMPOOLSIZE" or "MAXPOOLSIZE");
    }

    private static string DefaultConnectionString(IServiceProvider sp) =>
        sp.GetRequiredService<IConfiguration>().GetConnectionString("Default") is { } connectionString && !string.IsNullOrWhiteSpace(connectionString)
            ? connectionString
            : throw new InvalidOperationException("Set the database connection string ConnectionStrings__Default.");

    private static bool Prepares(IServiceProvider sp) => sp.GetRequiredService<IConfiguration>().GetValue(PrepareStatementsSetting, true);

    private static string CodeFor(int? status) => status switch
    {
        StatusCodes.Status401Unauthorized => "auth.unauthenticated",
        StatusCodes.Status403Forbidden => "auth.forbidden",
        StatusCodes.Status404NotFound => "not_found",
        StatusCodes.Status405MethodNotAllowed => "request.method_not_allowed",
        StatusCodes.Status413PayloadTooLarge => "request.too_large",
        StatusCodes.Status415UnsupportedMediaType => "request.unsupported_media_type",
        StatusCodes.Status429TooManyRequests => "rate_limited",
        _ => "error",
    };
}
