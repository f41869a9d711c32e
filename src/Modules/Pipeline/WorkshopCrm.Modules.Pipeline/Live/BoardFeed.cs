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
}

/// <summary>
/// Relays committed deal events to every Host instance: the outbox hands each event to one instance, which
/// NOTIFYs (at its commit) a channel that every instance LISTENs to and feeds to its own open boards.
/// </summary>
internal static class BoardRelay
{
    public const string Channel = "pipeline_board";

    public static Task NotifyAsync(PipelineDb db, BoardEvent e, CancellationToken ct) =>
        db.Database.ExecuteSqlAsync($"SELECT pg_notify({Channel}, {Payload(e)})", ct);

    /// <summary>The event as every instance's listener reads it.</summary>
    public static string Payload(BoardEvent e) => JsonSerializer.Serialize(e, MessageJson);

    public static readonly JsonSerializerOptions MessageJson = new(JsonSerializerDefaults.Web);
}

/// <summary>A board relay: the event's notification, claimed in the Pipeline inbox in the same statement.</summary>
internal abstract class BoardEventRelay<TMessage>(NpgsqlDataSource dataSource) : IdempotentRelay<TMessage>(dataSource)
    where TMessage : class
{
    protected override string Schema => PipelineDb.SchemaName;

    protected override (string Channel, string Payload) Relay(TMessage message) =>
        (BoardRelay.Channel, BoardRelay.Payload(EventOf(message)));

    protected abstract BoardEvent EventOf(TMessage message);
}

internal sealed class RelayDealCreated(NpgsqlDataSource dataSource) : BoardEventRelay<DealCreated>(dataSource)
{
    protected override BoardEvent EventOf(DealCreated m) => new("deal.created", m.TenantId, m.DealId, m.OwnerId, null, null, m.StageId);
}

internal sealed class RelayDealUpdated(NpgsqlDataSource dataSource) : BoardEventRelay<DealUpdated>(dataSource)
{
    protected override BoardEvent EventOf(DealUpdated m) => new("deal.updated", m.TenantId, m.DealId, m.OwnerId, m.PreviousOwnerId, null, m.StageId);
}

internal sealed class RelayDealMoved(NpgsqlDataSource dataSource) : BoardEventRelay<DealMoved>(dataSource)
{
    protected override BoardEvent EventOf(DealMoved m) => new("deal.moved", m.TenantId, m.DealId, m.OwnerId, null, m.FromStageId, m.ToStageId);
}

internal sealed class RelayDealDeleted(NpgsqlDataSource dataSource) : BoardEventRelay<DealDeleted>(dataSource)
{
    protected override BoardEvent EventOf(DealDeleted m) => new("deal.deleted", m.TenantId, m.DealId, m.OwnerId, null, null, m.StageId);
}

/// <summary>Activities reach open boards (the card's next activity) and agendas; a reopening is an update.</summary>
internal sealed class RelayActivityChanged(NpgsqlDataSource dataSource) : BoardEventRelay<ActivityChanged>(dataSource)
{
    protected override BoardEvent EventOf(ActivityChanged m) =>
        new("activity." + (m.Change == "reopened" ? "updated" : m.Change), m.TenantId, m.DealId, m.OwnerId, null, null, null,
            m.ActivityId, m.LeadId, m.DealOwnerId);
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
