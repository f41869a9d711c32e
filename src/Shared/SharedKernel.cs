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
        services.AddSingleton(sp =>
        {
            var settings = sp.GetRequiredService<IConfiguration>();
            var connectionString = settings.GetConnectionString("Default");
            if (string.IsNullOrWhiteSpace(connectionString))
                throw new InvalidOperationException("Set the database connection string ConnectionStrings__Default.");
            return RuntimeDataSource(connectionString, prepare: settings.GetValue(PrepareStatementsSetting, true));
        });
        // The one LISTEN connection needs a session of its own on the server: behind pgbouncer in transaction mode
        // (docs/operations/scale-out.md) ConnectionStrings__Listen names PostgreSQL itself; unset, the Default one.
        services.AddKeyedSingleton(PostgresNotifications.DataSourceKey, (sp, _) =>
            sp.GetRequiredService<IConfiguration>().GetConnectionString("Listen") is { Length: > 0 } listen
                ? RuntimeDataSource(listen, prepare: false)
                : sp.GetRequiredService<NpgsqlDataSource>());
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
    internal static NpgsqlDataSource RuntimeDataSource(string connectionString, bool prepare)
    {
        var builder = new NpgsqlDataSourceBuilder(connectionString);
        builder.ConnectionStringBuilder.NoResetOnClose = true;
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
