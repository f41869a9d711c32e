using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>Marks Pending invitations past their expiry as Expired, on the TimeProvider's clock (tests move it).</summary>
internal sealed class ExpireInvitations(
    ModuleDbFactory<InvitationsDb> dbs, IOptions<InvitationOptions> options, TimeProvider clock, ILogger<ExpireInvitations> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.ExpiryCheckInterval, clock);
        // The first look builds the module's EF model: not inside the Host's start (ADR 0036). The timer is made before
        // yielding, so that a test's fake clock finds it at once.
        await Task.Yield();
        do
        {
            try
            {
                await ExpireDueAsync(stoppingToken);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Expiring invitations failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }

    internal async Task<int> ExpireDueAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        // The one job that expires every company's invitations: it crosses tenants on purpose.
        await using var db = dbs.AcrossTenants();
        return await db.Invitations.IgnoreQueryFilters()
            .Where(i => i.InvitationStatusId == InvitationStatus.Pending && i.ExpiresAt <= now)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InvitationStatusId, InvitationStatus.Expired).SetProperty(i => i.UpdatedAt, now), ct);
    }
}

/// <summary>The company is gone: so are its invitations.</summary>
internal sealed class DeleteTenantInvitations(ModuleDbFactory<InvitationsDb> dbs) : IdempotentConsumer<TenantDeleted, InvitationsDb>(dbs)
{
    protected override long? TenantOf(TenantDeleted message) => message.TenantId;

    protected override Task HandleAsync(InvitationsDb db, TenantDeleted message, CancellationToken ct) => db.Invitations.ExecuteDeleteAsync(ct);
}
