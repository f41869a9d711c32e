using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Members;

// pipeline.members follows Identity's events. Events are not ordered, so every handler upserts what it knows.

internal sealed class AddMemberOnUserRegistered(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<UserRegistered, PipelineDb>(dbs)
{
    protected override long? TenantOf(UserRegistered message) => message.TenantId;

    // Inserts only: a row already there (added from the caller's token, or renamed since) is newer than this event.
    protected override Task HandleAsync(PipelineDb db, UserRegistered message, CancellationToken ct) =>
        Member.AddIfMissingAsync(db, message.UserId, message.TenantId, message.Name, message.Email, message.RoleId, message.IsActive, ct);
}

/// <summary>
/// The member goes inactive; with a hand-over, its open deals and all its leads pass to the heir in the same
/// transaction as the inbox claim, so the hand-over happens exactly once. Each deal's change reaches open boards.
/// </summary>
internal sealed class DeactivateMember(ModuleDbFactory<PipelineDb> dbs, TimeProvider clock) : IdempotentConsumer<UserDeactivated, PipelineDb>(dbs)
{
    protected override long? TenantOf(UserDeactivated message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, UserDeactivated message, CancellationToken ct)
    {
        MemberUpdates.Applied(await db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false), ct));
        if (message.HandOverTo is { } heir)
            await HandOverAsync(db, message.UserId, heir, ct);
    }

    private async Task HandOverAsync(PipelineDb db, long from, long heir, CancellationToken ct)
    {
        // Identity checked the heir was active in the company; the projection may not have it yet (events are not ordered).
        MemberUpdates.Applied(await db.Members.CountAsync(m => m.UserId == heir, ct));
        var now = clock.GetUtcNow();
        var deals = await db.Deals.Where(d => d.UserId == from && d.PipelineStageId != PipelineStage.Won && d.PipelineStageId != PipelineStage.Lost).ToListAsync(ct);
        foreach (var deal in deals)
        {
            deal.UserId = heir;
            db.TellOnCommit(BoardEvent.DealUpdated(deal.TenantId, deal.Id, heir, from, deal.PipelineStageId));
        }

        await db.Leads.Where(l => l.UserId == from).ExecuteUpdateAsync(s => s.SetProperty(l => l.UserId, heir).SetProperty(l => l.UpdatedAt, now), ct);
        // What it still had to do passes too, or the follow-ups would go cold with nobody's agenda showing them.
        var open = await db.Activities.Where(a => a.UserId == from && a.DoneAt == null)
            .Select(a => new { Activity = a, DealOwnerId = a.Deal == null ? (long?)null : a.Deal.UserId }).ToListAsync(ct);
        foreach (var found in open)
        {
            var a = found.Activity;
            a.UserId = heir;
            db.TellOnCommit(BoardEvent.ActivityChanged("updated", a.TenantId, a.Id, a.LeadId, a.DealId, heir, found.DealOwnerId));
        }
    }
}

internal sealed class ReactivateMember(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<UserReactivated, PipelineDb>(dbs)
{
    protected override long? TenantOf(UserReactivated message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, UserReactivated message, CancellationToken ct) =>
        MemberUpdates.Applied(await db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, true), ct));
}

internal sealed class RenameMember(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<UserProfileChanged, PipelineDb>(dbs)
{
    protected override long? TenantOf(UserProfileChanged message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, UserProfileChanged message, CancellationToken ct) =>
        MemberUpdates.Applied(await db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Name, message.Name).SetProperty(m => m.Email, message.Email), ct));
}

internal static class MemberUpdates
{
    /// <summary>
    /// An update for a member the projection does not have yet arrived before that member's UserRegistered (events are
    /// not ordered): fail, so the outbox retries it after the registration, rather than lose it.
    /// </summary>
    public static void Applied(int rows)
    {
        if (rows == 0)
            throw new InvalidOperationException("The member is not in the projection yet; the update will be retried.");
    }
}

/// <summary>The company is gone: every pipeline row of the tenant goes too (and no other tenant's: the unit of work is bound).</summary>
internal sealed class DeleteTenantPipeline(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<TenantDeleted, PipelineDb>(dbs)
{
    protected override long? TenantOf(TenantDeleted message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, TenantDeleted message, CancellationToken ct)
    {
        await db.DealEvents.ExecuteDeleteAsync(ct);
        await db.WhatsAppConversations.ExecuteDeleteAsync(ct);
        await db.Activities.ExecuteDeleteAsync(ct);
        await db.ActivityDigests.ExecuteDeleteAsync(ct);
        await db.CalendarFeeds.ExecuteDeleteAsync(ct);
        await db.Notes.ExecuteDeleteAsync(ct);
        await db.Deals.ExecuteDeleteAsync(ct);
        // the triggers left the company's totals at zero; the rows themselves go too
        await db.Database.ExecuteSqlAsync($"DELETE FROM pipeline.stage_totals WHERE tenant_id = {message.TenantId}", ct);
        await db.Database.ExecuteSqlAsync(
            $"""
             DELETE FROM pipeline.created_deal_totals WHERE tenant_id = {message.TenantId};
             DELETE FROM pipeline.closed_deal_totals WHERE tenant_id = {message.TenantId};
             DELETE FROM pipeline.done_activity_totals WHERE tenant_id = {message.TenantId};
             DELETE FROM pipeline.open_activity_totals WHERE tenant_id = {message.TenantId};
             """, ct);
        await db.Leads.ExecuteDeleteAsync(ct);
        await db.ImportRejections.ExecuteDeleteAsync(ct);
        await db.ImportFileChunks.ExecuteDeleteAsync(ct);
        await db.Imports.ExecuteDeleteAsync(ct);
        await db.Members.ExecuteDeleteAsync(ct);
    }
}
