using System.Text.Json.Nodes;

namespace EvolutionSimulator;

/// <summary>
/// Standalone: <c>dotnet run --project tests/EvolutionSimulator -- --urls http://127.0.0.1:5090</c>.
/// The global apikey comes from EVOLUTION_API_KEY, else EvolutionApi__ApiKey (what scripts/run.sh
/// exports for the CRM), else the development key.
/// </summary>
internal static class Program
{
    public static async Task Main(string[] args)
    {
        var apiKey = new[]
        {
            Environment.GetEnvironmentVariable("EVOLUTION_API_KEY"),
            Environment.GetEnvironmentVariable("EvolutionApi__ApiKey"),
        }.FirstOrDefault(k => !string.IsNullOrWhiteSpace(k)) ?? Simulator.DevelopmentApiKey;

        await using var host = SimulatorApp.Build(args, apiKey, inProcess: false);
        await host.App.StartAsync();
        host.State.ServerUrl = host.App.Urls.FirstOrDefault() ?? "";
        host.App.Logger.LogInformation("Evolution API simulator listening on {Url} (control API under /_sim)", host.State.ServerUrl);
        await host.App.WaitForShutdownAsync();
    }
}

/// <summary>The app and the state it serves, as built by <see cref="SimulatorApp.Build"/>.</summary>
internal sealed record SimulatorHost(WebApplication App, SimulatorState State, WebhookSender Webhooks, SimulatorControl Control) : IAsyncDisposable
{
    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await Webhooks.DisposeAsync();
        await App.DisposeAsync();
    }
}

internal static class SimulatorApp
{
    /// <summary>The same app for both uses; <paramref name="inProcess"/> ignores ambient configuration and logs only warnings.</summary>
    public static SimulatorHost Build(string[] args, string apiKey, bool inProcess)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ApplicationName = typeof(SimulatorApp).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        if (inProcess)
        {
            // A test's bin folder holds the CRM's appsettings.json (Kestrel endpoints, urls...): not ours.
            builder.Configuration.Sources.Clear();
        }
        builder.Logging.ClearProviders();
        builder.Logging.AddSimpleConsole(o =>
        {
            o.SingleLine = true;
            o.TimestampFormat = "HH:mm:ss ";
        });
        builder.Logging.SetMinimumLevel(inProcess ? LogLevel.Warning : LogLevel.Information);
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter("System.Net.Http", LogLevel.Warning);

        var app = builder.Build();
        var state = new SimulatorState(apiKey);
        var webhooks = new WebhookSender(app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EvolutionSimulator.Webhooks"));
        var control = new SimulatorControl(state, webhooks);
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger("EvolutionSimulator.Api");

        app.Use(async (ctx, next) =>
        {
            if (ctx.Request.Path.StartsWithSegments("/_sim"))
            {
                await next(ctx);
                return;
            }
            // Faults apply to the Evolution routes only, never to /_sim.
            var faults = state.Faults;
            switch (faults.Mode)
            {
                case FaultMode.Slow:
                    try
                    {
                        await Task.Delay(faults.DelayMs, ctx.RequestAborted);
                    }
                    catch (OperationCanceledException)
                    {
                        return; // the client gave up
                    }
                    break;
                case FaultMode.Error500:
                    log.LogInformation("{Method} {Path} -> 500 (fault)", ctx.Request.Method, ctx.Request.Path);
                    await EvolutionJson.InternalError(new JsonArray("Cannot read properties of undefined")).ExecuteAsync(ctx);
                    return;
                case FaultMode.Down:
                    log.LogInformation("{Method} {Path} -> connection aborted (fault)", ctx.Request.Method, ctx.Request.Path);
                    ctx.Abort();
                    return;
            }
            await next(ctx);
            log.LogInformation("{Method} {Path} -> {Status}", ctx.Request.Method, ctx.Request.Path, ctx.Response.StatusCode);
        });

        ControlRoutes.Map(app, control);
        EvolutionRoutes.Map(app, state, webhooks);
        // Unknown routes (and known paths with another method): Express's 404 envelope.
        app.MapFallback(EvolutionJson.RouteNotFound);

        return new SimulatorHost(app, state, webhooks, control);
    }
}
