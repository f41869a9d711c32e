using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Http.Features;

namespace WorkshopCrm.Host.Cli;

/// <summary>
/// The server of a verb: starting the app runs its background services (the outbox dispatchers) but opens no port,
/// so a verb never competes with a serving Host for its address.
/// </summary>
internal sealed class NoListener : IServer
{
    public IFeatureCollection Features { get; } = new FeatureCollection();

    public Task StartAsync<TContext>(IHttpApplication<TContext> application, CancellationToken cancellationToken) where TContext : notnull =>
        Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public void Dispose()
    {
    }
}
