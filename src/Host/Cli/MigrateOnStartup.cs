namespace WorkshopCrm.Host.Cli;

/// <summary>
/// Applies every module's migrations before anything else starts (dispatchers, the server), unless
/// Database:MigrateOnStartup is false — then run the <c>migrate</c> verb as a deployment step.
/// </summary>
internal sealed class MigrateOnStartup(IServiceProvider services, IConfiguration configuration, ILogger<MigrateOnStartup> logger) : IHostedService
{
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        if (!configuration.GetValue("Database:MigrateOnStartup", true))
            return;

        await HostVerbs.MigrateAsync(services, reapplySecurity: false, cancellationToken);
        logger.LogInformation("Database migrations applied");
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
