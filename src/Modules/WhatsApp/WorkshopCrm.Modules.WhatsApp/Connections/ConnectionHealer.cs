using System.Collections.Concurrent;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.WhatsApp.Connections;

/// <summary>
/// Brings a company's stored connection status back in line with the gateway when a webhook was missed: a status read
/// that finds the two apart asks for a check (<see cref="Check"/>) and answers at once; the check runs here, in the
/// background, so reading the status never writes. The webhook remains the usual way a status changes.
/// </summary>
internal sealed class ConnectionHealer(IServiceScopeFactory scopes, TimeProvider clock, ILogger<ConnectionHealer> logger) : BackgroundService
{
    private readonly Channel<long> _requests = Channel.CreateBounded<long>(new BoundedChannelOptions(1_000) { FullMode = BoundedChannelFullMode.DropWrite });
    private readonly ConcurrentDictionary<long, byte> _queued = new();

    /// <summary>Asks for the company's status to be checked against the gateway; a check already queued is not repeated.</summary>
    public void Check(long tenantId)
    {
        if (_queued.TryAdd(tenantId, 0) && !_requests.Writer.TryWrite(tenantId))
            _queued.TryRemove(tenantId, out _); // full: the next status read asks again
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await foreach (var tenantId in _requests.Reader.ReadAllAsync(stoppingToken))
        {
            _queued.TryRemove(tenantId, out _);
            try
            {
                await HealAsync(tenantId, stoppingToken);
            }
            catch (Exception ex) when (ex is DependencyUnavailableException or EvolutionRejected or DbUpdateException or Npgsql.NpgsqlException)
            {
                logger.LogWarning(ex, "The WhatsApp status of company {TenantId} could not be checked; the next status read asks again", tenantId);
            }
        }
    }

    private async Task HealAsync(long tenantId, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var gateway = scope.ServiceProvider.GetRequiredService<EvolutionClient>();
        await using var db = scope.ServiceProvider.GetRequiredService<ModuleDbFactory<WhatsAppDb>>().ForTenant(tenantId);
        var connection = await db.Connections.SingleOrDefaultAsync(ct);
        if (connection?.InstanceName is not { } name)
            return;
        try
        {
            var state = await gateway.ConnectionStateAsync(name, ct);
            if (state == "open" && !connection.IsConnected)
                ConnectionChanges.MarkConnected(db, connection, await gateway.OwnerPhoneAsync(name, ct), clock);
            else if (state != "open" && connection.IsConnected)
                ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: false);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.NotFound)
        {
            // the gateway no longer has the instance (deleted there, or the gateway lost its data): not connected, and
            // the next Connect makes a new one
            ConnectionChanges.MarkDisconnected(db, connection, clock, forgetInstance: true);
        }

        await db.SaveChangesAsync(ct);
    }
}
