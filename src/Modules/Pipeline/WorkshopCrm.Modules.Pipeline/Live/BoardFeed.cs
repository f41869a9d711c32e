using System.Text.Json;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Npgsql;
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

    public static BoardEvent DealCreated(long tenantId, long dealId, long ownerId, long stageId) =>
        new("deal.created", tenantId, dealId, ownerId, null, null, stageId);

    /// <summary>A deal's title, value or owner changed (<paramref name="previousOwnerId"/>: its owner before, when that changed).</summary>
    public static BoardEvent DealUpdated(long tenantId, long dealId, long ownerId, long? previousOwnerId, long stageId) =>
        new("deal.updated", tenantId, dealId, ownerId, previousOwnerId, null, stageId);

    /// <summary>A deal moved to another stage, or within its column (then <paramref name="fromStageId"/> is its stage).</summary>
    public static BoardEvent DealMoved(long tenantId, long dealId, long ownerId, long fromStageId, long toStageId) =>
        new("deal.moved", tenantId, dealId, ownerId, null, fromStageId, toStageId);

    public static BoardEvent DealDeleted(long tenantId, long dealId, long ownerId, long stageId) =>
        new("deal.deleted", tenantId, dealId, ownerId, null, null, stageId);

    /// <summary>An activity <paramref name="change"/>d: created, updated, completed, reopened (an update on screen) or deleted.</summary>
    public static BoardEvent ActivityChanged(string change, long tenantId, long activityId, long leadId, long? dealId, long ownerId, long? dealOwnerId) =>
        new("activity." + (change == "reopened" ? "updated" : change), tenantId, dealId, ownerId, null, null, null, activityId, leadId, dealOwnerId);
}

/// <summary>
/// Tells every Host instance's open boards and agendas about a change: a NOTIFY on <see cref="Channel"/> sent by the
/// transaction that made the change, just before its commit (<see cref="TellOnCommit"/>, ADR 0038), which every
/// instance LISTENs to and feeds to its own open boards. PostgreSQL delivers it when, and only if, that transaction
/// commits, once: no outbox row, no dispatcher, no relay in between.
/// </summary>
internal static class BoardRelay
{
    public const string Channel = "pipeline_board";

    /// <summary>Queues <paramref name="e"/> for the commit of <paramref name="db"/>'s transaction (the usual way).</summary>
    public static void TellOnCommit(this PipelineDb db, BoardEvent e) => db.NotifyOnCommit(Channel, Payload(e));

    /// <summary>Sends <paramref name="e"/> now, in the transaction under way (delivered at its commit).</summary>
    public static Task NotifyAsync(PipelineDb db, BoardEvent e, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(e)})", ct);

    /// <summary>The event as every instance's listener reads it.</summary>
    public static string Payload(BoardEvent e) => JsonSerializer.Serialize(e, MessageJson);

    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
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
