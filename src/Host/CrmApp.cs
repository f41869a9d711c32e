using System.Globalization;
using System.Threading.RateLimiting;
using FastEndpoints;
using FastEndpoints.Swagger;
using MassTransit;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.Tokens;
using WorkshopCrm.Host.Cli;
using WorkshopCrm.Host.Health;
using WorkshopCrm.Modules.Identity;
using WorkshopCrm.Modules.Invitations;
using WorkshopCrm.Modules.Pipeline;
using WorkshopCrm.Modules.WhatsApp;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Modules;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Host;

/// <summary>The composition root: every module, one FastEndpoints, one MassTransit mediator, auth, health, OpenAPI.</summary>
internal static class CrmApp
{
    private const long MaxRequestBodyBytes = 1024 * 1024;

    public static WebApplication Build(string[] args, bool serving)
    {
        var builder = WebApplication.CreateBuilder(serving ? args : args.Skip(1).ToArray());
        builder.Configuration.AddEnvironmentVariables("WORKSHOPCRM_");
        ConfigureLogging(builder);
        builder.WebHost.ConfigureKestrel(k =>
        {
            k.Limits.MaxRequestBodySize = MaxRequestBodyBytes;
            k.AddServerHeader = false; // no "Server: Kestrel"
        });

        var services = builder.Services;
        var configuration = builder.Configuration;
        if (serving)
            services.AddHostedService<MigrateOnStartup>(); // first, so it finishes before the dispatchers start
        services.AddSharedKernel(configuration);
        services.AddIdentityModule(configuration);
        services.AddPipelineModule(configuration);
        services.AddInvitationsModule(configuration);
        services.AddWhatsAppModule(configuration);
        ModuleDescriptor[] modules = [IdentityModule.Descriptor, PipelineModule.Descriptor, InvitationsModule.Descriptor, WhatsAppModule.Descriptor];

        services.AddMediator(mediator =>
        {
            foreach (var consumer in modules.SelectMany(m => ConsumersIn(m.Assembly)))
                mediator.AddConsumer(consumer);
        });
        services.AddFastEndpoints(o =>
        {
            o.DisableAutoDiscovery = true;
            o.Assemblies = modules.Select(m => m.Assembly);
        });
        services.SwaggerDocument(o =>
        {
            o.DocumentSettings = s =>
            {
                s.Title = "Workshop CRM API";
                s.Version = "v1";
            };
            o.ShortSchemaNames = true;
        });

        AddAuthentication(services);
        AddRateLimiting(services);
        var behindProxy = AddForwardedHeaders(services, configuration);
        services.AddHealthChecks()
            .AddCheck<DatabaseHealthCheck>("database", tags: ["ready"])
            .AddCheck<OutboxBacklogHealthCheck>("outbox", tags: ["ready"]);

        if (!serving)
        {
            services.AddSingleton<Microsoft.AspNetCore.Hosting.Server.IServer, NoListener>(); // a verb opens no port
            services.Configure<ConsoleLifetimeOptions>(o => o.SuppressStatusMessages = true); // no "Press Ctrl+C to shut down"
            // A verb leaves the outbox to the serving Host, except seed-demo: the Pipeline's demo data needs the demo
            // users' UserRegistered delivered to pipeline.members first (HostVerbs.SeedDemoAsync).
            if (!HostVerbs.DeliversEvents(args))
                services.Configure<Shared.Messaging.OutboxOptions>(o => o.Enabled = false);
        }

        var app = builder.Build();
        if (behindProxy)
            app.UseForwardedHeaders(); // first: the rate limits, sessions and audit log see the client, not the balancer
        UsePipeline(app);
        return app;
    }

    /// <summary>Every consumer class of a module. Module types are internal, which MassTransit's assembly scan skips.</summary>
    internal static IEnumerable<Type> ConsumersIn(System.Reflection.Assembly assembly) =>
        assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false, IsGenericTypeDefinition: false }
            && t.GetInterfaces().Any(i => i.IsGenericType && i.GetGenericTypeDefinition() == typeof(IConsumer<>)));

    private static void ConfigureLogging(WebApplicationBuilder builder)
    {
        builder.Logging.ClearProviders();
        if (builder.Environment.IsDevelopment())
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        else
            builder.Logging.AddJsonConsole(o => o.IncludeScopes = true);
    }

    private static void AddAuthentication(IServiceCollection services)
    {
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer();
        services.AddOptions<JwtBearerOptions>(JwtBearerDefaults.AuthenticationScheme)
            .Configure<IOptions<JwtOptions>>((bearer, jwtOptions) =>
            {
                var jwt = jwtOptions.Value;
                bearer.MapInboundClaims = false;
                bearer.TokenValidationParameters = new TokenValidationParameters
                {
                    ValidIssuer = jwt.Issuer,
                    ValidAudience = jwt.Audience,
                    IssuerSigningKey = new SymmetricSecurityKey(jwt.KeyBytes),
                    ValidAlgorithms = [SecurityAlgorithms.HmacSha256], // no "none", no algorithm switching
                    ValidateIssuer = true,
                    ValidateAudience = true,
                    ValidateLifetime = true,
                    ValidateIssuerSigningKey = true,
                    RequireExpirationTime = true,
                    RequireSignedTokens = true,
                    ClockSkew = TimeSpan.FromSeconds(30),
                    NameClaimType = CrmClaims.Name,
                    RoleClaimType = CrmClaims.Role,
                };
                bearer.Events = new JwtBearerEvents { OnTokenValidated = RefuseEndedSignInsAsync };
            });
        services.AddAuthorization();
    }

    /// <summary>A well-signed token still fails once its sign-in ended (logout, deactivation, password change).</summary>
    private static async Task RefuseEndedSignInsAsync(TokenValidatedContext context)
    {
        var principal = context.Principal;
        var sessionId = principal?.FindFirst(CrmClaims.SessionId)?.Value ?? "";
        var userId = long.TryParse(principal?.FindFirst(CrmClaims.UserId)?.Value, CultureInfo.InvariantCulture, out var id) ? id : 0;
        var gate = context.HttpContext.RequestServices.GetRequiredService<ISessionGate>();
        if (!await gate.AllowsAsync(sessionId, userId, context.HttpContext.RequestAborted))
            context.Fail("The sign-in this token belongs to has ended.");
    }

    /// <summary>
    /// Behind a load balancer (docs/operations/scale-out.md) every request comes from the balancer's address: the
    /// per-address sign-in limit would count all clients as one. ReverseProxy__TrustedProxies__0… lists the balancers
    /// whose X-Forwarded-For and X-Forwarded-Proto are believed (the last hop only); unset, nobody's are.
    /// </summary>
    private static bool AddForwardedHeaders(IServiceCollection services, ConfigurationManager configuration)
    {
        var proxies = configuration.GetSection("ReverseProxy:TrustedProxies").Get<string[]>() ?? [];
        var addresses = proxies.Select(p => System.Net.IPAddress.TryParse(p, out var address)
            ? address
            : throw new InvalidOperationException($"ReverseProxy:TrustedProxies holds '{p}', which is no IP address.")).ToList();
        services.Configure<ForwardedHeadersOptions>(o =>
        {
            o.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            o.ForwardLimit = 1;
            o.KnownIPNetworks.Clear();
            o.KnownProxies.Clear(); // loopback is trusted by default: only what is configured
            foreach (var address in addresses)
                o.KnownProxies.Add(address);
        });
        return addresses.Count > 0;
    }

    private static void AddRateLimiting(IServiceCollection services) =>
        services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var retryAfter = context.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromMinutes(1);
                context.HttpContext.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                await Problems.Of(StatusCodes.Status429TooManyRequests, "rate_limited", "Too many requests; try again later.")
                    .ExecuteAsync(context.HttpContext);
            };
        });

    private static void UsePipeline(WebApplication app)
    {
        app.UseSecurityHeaders();
        app.UseNoContentTypeWithoutBody(); // a GET that says "JSON" but sends nothing is bound from its route and query
        if (!app.Environment.IsDevelopment())
            app.UseHsts(); // HTTPS answers only; a TLS-terminating proxy should forward the scheme
        app.UseExceptionHandler();
        app.UseStatusCodePages();
        var spaBuilt = app.Environment.WebRootFileProvider.GetFileInfo("index.html").Exists;
        if (spaBuilt)
        {
            app.UseDefaultFiles();
            app.UseStaticFiles();
        }

        app.UseRouting(); // after static files: a built asset is served as itself, never as the index.html fallback

        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseFastEndpoints(c =>
        {
            c.Errors.ResponseBuilder = ValidationProblems.Build;
            c.Errors.ProducesMetadataType = typeof(HttpValidationProblemDetails);
            c.Errors.ContentType = "application/problem+json";
            // A body or query value that does not even bind names its field in words, never .NET's own text.
            c.Binding.JsonExceptionTransformer = BindingErrors.FromJson;
            c.Binding.FailureMessage = BindingErrors.FromText;
            c.Serializer.Options.PropertyNamingPolicy = System.Text.Json.JsonNamingPolicy.CamelCase;
        });
        app.UseSwaggerGen();
        app.MapHealthChecks("/health/live", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/health/ready", new HealthCheckOptions { Predicate = c => c.Tags.Contains("ready") });
        // The SPA's own routes fall back to index.html; unknown /api routes stay 404 problems.
        if (spaBuilt)
            app.MapFallbackToFile("{*path:regex(^(?!api/|health/|swagger).*$)}", "index.html");
    }
}
