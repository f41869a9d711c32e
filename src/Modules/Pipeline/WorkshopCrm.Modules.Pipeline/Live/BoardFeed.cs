using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Live;

/// <summary>
/// A change an open board or agenda should show: <c>deal.created|updated|moved|deleted</c>, or
/// <c>activity.created|updated|completed|deleted</c> (then <see cref="ActivityId"/> and <see cref="LeadId"/> are set,
/// <see cref="DealId"/> when the activity is on a deal, and <see cref="DealOwnerId"/> is that deal's owner), or
/// <c>import.progress</c> (then <see cref="Import"/> is set and <see cref="OwnerId"/> is the import's user).
/// </summary>
internal sealed record BoardEvent(
    string Type, long TenantId, long? DealId, long OwnerId, long? PreviousOwnerId, long? FromStageId, long? StageId,
    long? ActivityId = null, long? LeadId = null, long? DealOwnerId = null, Imports.ImportProgress? Import = null)
{
    /// <summary>
    /// A Salesperson sees events about deals it owns (or just lost to a reassignment), and about activities it is to do
    /// or that are on its deals; a Business Owner all of the tenant's.
    /// </summary>
    public bool IsFor(long tenantId, long userId, bool isBusinessOwner) =>
        TenantId == tenantId && (Import is not null
            ? OwnerId == userId // an import's progress is its user's alone
            : isBusinessOwner || OwnerId == userId || PreviousOwnerId == userId || DealOwnerId == userId);

    public bool IsAboutActivity => ActivityId is not null;
}

/// <summary>
/// Relays committed deal events to every Host instance: the outbox hands each event to one instance, which
/// NOTIFYs (at its commit) a channel that every instance LISTENs to and feeds to its own open boards.
/// </summary>
internal static class BoardRelay
{
    public const string Channel = "pipeline_board";

    public static Task NotifyAsync(PipelineDb db, BoardEvent e, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {JsonSerializer.Serialize(e, MessageJson)})", ct);

    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
}

internal sealed class RelayDealCreated(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<DealCreated, PipelineDb>(dbs)
{
    protected override long? TenantOf(DealCreated m) => m.TenantId;

    protected override Task HandleAsync(PipelineDb db, DealCreated m, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("deal.created", m.TenantId, m.DealId, m.OwnerId, null, null, m.StageId), ct);
}

internal sealed class RelayDealUpdated(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<DealUpdated, PipelineDb>(dbs)
{
    protected override long? TenantOf(DealUpdated m) => m.TenantId;

    protected override Task HandleAsync(PipelineDb db, DealUpdated m, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("deal.updated", m.TenantId, m.DealId, m.OwnerId, m.PreviousOwnerId, null, m.StageId), ct);
}

internal sealed class RelayDealMoved(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<DealMoved, PipelineDb>(dbs)
{
    protected override long? TenantOf(DealMoved m) => m.TenantId;

    protected override Task HandleAsync(PipelineDb db, DealMoved m, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("deal.moved", m.TenantId, m.DealId, m.OwnerId, null, m.FromStageId, m.ToStageId), ct);
}

internal sealed class RelayDealDeleted(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<DealDeleted, PipelineDb>(dbs)
{
    protected override long? TenantOf(DealDeleted m) => m.TenantId;

    protected override Task HandleAsync(PipelineDb db, DealDeleted m, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("deal.deleted", m.TenantId, m.DealId, m.OwnerId, null, null, m.StageId), ct);
}

/// <summary>Activities reach open boards (the card's next activity) and agendas; a reopening is an update.</summary>
internal sealed class RelayActivityChanged(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<ActivityChanged, PipelineDb>(dbs)
{
    protected override long? TenantOf(ActivityChanged m) => m.TenantId;

    protected override Task HandleAsync(PipelineDb db, ActivityChanged m, CancellationToken ct) =>
        BoardRelay.NotifyAsync(db, new BoardEvent("activity." + (m.Change == "reopened" ? "updated" : m.Change), m.TenantId, m.DealId, m.OwnerId, null, null, null,
            m.ActivityId, m.LeadId, m.DealOwnerId), ct);
}

/// <summary>This instance's ear on the relay channel (on the Host's one LISTEN connection).</summary>
internal sealed class BoardListener : IHostedService
{
    public BoardListener(PostgresNotifications notifications, LiveFeed<BoardEvent> feed) =>
        notifications.Subscribe(BoardRelay.Channel, payload =>
        {
            if (JsonSerializer.Deserialize<BoardEvent>(payload, BoardRelay.MessageJson) is { } e)
                feed.Publish(e);
        });

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
