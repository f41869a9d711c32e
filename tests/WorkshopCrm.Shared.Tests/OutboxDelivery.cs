using MassTransit;
using MassTransit.Mediator;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Npgsql;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Shared.Tests;

public sealed class OutboxDelivery : IAsyncLifetime
{
    private readonly DeliveryLog _log = new();
    private readonly List<IHost> _hosts = [];
    private string _connectionString = "";
    private WidgetHosts _widgetHosts = null!;

    public async Task InitializeAsync()
    {
        _connectionString = await TestPostgres.CreateDatabaseAsync("outbox");
        _widgetHosts = new WidgetHosts(_connectionString, _log);
        var setup = _widgetHosts.Build(dispatch: false);
        await WidgetHosts.CreateSchemaAsync(setup.Services);
        setup.Dispose();
    }

    [Fact]
    public async Task An_event_saved_with_a_change_reaches_its_consumer_once()
    {
        var host = await StartAsync();

        await SaveWidgetsAsync(host, tenantId: 1, count: 1);

        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.widget_effects");
        await WaitUntilAsync("SELECT count(*) = 0 FROM widgets.outbox_messages WHERE delivered_at IS NULL");
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM widgets.inbox_messages WHERE consumer LIKE '%ApplyWidget'"));
        Assert.Single(_log.Deliveries);
    }

    [Fact]
    public async Task A_payload_that_carries_a_secret_is_blanked_once_delivered()
    {
        var host = await StartAsync();

        await using (var db = host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>().ForTenant(1))
        {
            db.Publish(new WidgetCreated(1, "secret-token-123"), carriesSecret: true);
            db.Publish(new WidgetCreated(1, "plain"));
            await db.SaveChangesAsync();
        }

        await WaitUntilAsync("SELECT count(*) = 2 FROM widgets.widget_effects");
        await WaitUntilAsync("SELECT count(*) = 0 FROM widgets.outbox_messages WHERE delivered_at IS NULL");
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM widgets.outbox_messages WHERE payload::text LIKE '%secret-token-123%'"));
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM widgets.outbox_messages WHERE payload::text LIKE '%plain%'"));
    }

    [Fact]
    public async Task A_redelivered_message_changes_nothing_twice()
    {
        var host = await StartAsync(dispatch: false);
        var mediator = host.Services.GetRequiredService<IMediator>();
        var messageId = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
            await mediator.Publish(new WidgetCreated(1, "twice"), Pipe.Execute<PublishContext>(c => c.MessageId = messageId));

        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM widgets.widget_effects WHERE name = 'twice'"));
    }

    [Fact]
    public async Task A_consumer_that_keeps_failing_is_retried_then_dead_lettered_with_its_exception()
    {
        var host = await StartAsync();

        await SaveWidgetsAsync(host, tenantId: 1, count: 1, poison: true);

        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.outbox_messages WHERE dead_lettered_at IS NOT NULL");
        Assert.Equal(3, await ScalarAsync<int>("SELECT attempts FROM widgets.outbox_messages"));
        Assert.Contains("This widget is poisoned.", await ScalarAsync<string>("SELECT last_error FROM widgets.outbox_messages"), StringComparison.Ordinal);
        Assert.Equal(3, _log.PoisonAttempts);
        var letter = Assert.Single(await host.Services.GetRequiredService<DeadLetters>().ListAsync(default));
        Assert.Equal(("widgets", 3), (letter.Schema, letter.Attempts));
    }

    [Fact]
    public async Task A_failed_delivery_leaves_its_message_as_it_was_with_the_error_and_the_next_attempt()
    {
        // Claimed rows are marked delivered (and secrets blanked) before the consumers run (ADR 0034): a failure must
        // undo that, or the message would be lost, or retried without its payload.
        var host = await StartAsync(settings: new() { ["Outbox:MaxAttempts"] = "100", ["Outbox:FirstRetryDelay"] = "00:10:00", ["Outbox:MaxRetryDelay"] = "00:10:00" });

        await using (var db = host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>().ForTenant(1))
        {
            db.Publish(new WidgetCreated(1, "secret-token-456", Poison: true), carriesSecret: true);
            await db.SaveChangesAsync();
        }

        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.outbox_messages WHERE attempts = 1");
        Assert.True(await ScalarAsync<bool>(
            """
            SELECT delivered_at IS NULL AND dead_lettered_at IS NULL AND available_at > now() + interval '5 minutes'
                   AND payload::text LIKE '%secret-token-456%' AND last_error LIKE '%This widget is poisoned.%'
            FROM widgets.outbox_messages
            """));
    }

    [Fact]
    public async Task A_relay_notifies_once_however_often_its_message_is_delivered()
    {
        var host = await StartAsync(dispatch: false);
        var mediator = host.Services.GetRequiredService<IMediator>();
        var heard = new System.Collections.Concurrent.ConcurrentQueue<string>();
        await using var listener = new NpgsqlConnection(_connectionString);
        await listener.OpenAsync();
        listener.Notification += (_, e) => heard.Enqueue(e.Payload);
        await using (var listen = new NpgsqlCommand($"LISTEN {RelayWidget.Channel}", listener))
            await listen.ExecuteNonQueryAsync();
        var messageId = Guid.NewGuid();

        for (var i = 0; i < 3; i++)
            await mediator.Publish(new WidgetCreated(1, "relayed"), Pipe.Execute<PublishContext>(c => c.MessageId = messageId));
        // Notifications arrive in commit order: once the marker sent after the three deliveries is heard, so is every
        // notification they sent.
        await ScalarAsync<object>($"SELECT pg_notify('{RelayWidget.Channel}', 'marker')");
        await Eventually.TrueAsync(async () =>
        {
            await listener.WaitAsync(TimeSpan.FromMilliseconds(100));
            return heard.Contains("marker");
        }, "the marker notification");

        Assert.Equal(["relayed", "marker"], heard.ToArray());
        Assert.Equal(1L, await ScalarAsync<long>("SELECT count(*) FROM widgets.inbox_messages WHERE consumer LIKE '%RelayWidget'"));
    }

    [Fact]
    public async Task A_poisoned_message_does_not_hold_up_the_messages_behind_it()
    {
        var host = await StartAsync(settings: new() { ["Outbox:MaxAttempts"] = "100", ["Outbox:FirstRetryDelay"] = "00:01:00" });

        await SaveWidgetsAsync(host, tenantId: 1, count: 1, poison: true);
        await SaveWidgetsAsync(host, tenantId: 1, count: 5);

        await WaitUntilAsync("SELECT count(*) = 5 FROM widgets.widget_effects");
        // The consumers commit their effects before the dispatcher commits the batch's bookkeeping (the poisoned row's
        // failed attempt among it): waited for, not read at once (it was read too early once under load).
        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.outbox_messages WHERE delivered_at IS NULL AND dead_lettered_at IS NULL AND attempts >= 1");
        await WaitUntilAsync("SELECT count(*) = 5 FROM widgets.outbox_messages WHERE delivered_at IS NOT NULL");
    }

    [Fact]
    public async Task A_replayed_dead_letter_is_delivered()
    {
        var host = await StartAsync();
        await SaveWidgetsAsync(host, tenantId: 1, count: 1, poison: true);
        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.outbox_messages WHERE dead_lettered_at IS NOT NULL");
        _log.PoisonCured = true;

        var replayed = await host.Services.GetRequiredService<DeadLetters>().ReplayAsync(null, default);

        Assert.Equal(1, replayed);
        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.outbox_messages WHERE delivered_at IS NOT NULL AND dead_lettered_at IS NULL");
    }

    [Fact]
    public async Task Two_dispatchers_on_one_table_never_deliver_a_row_twice()
    {
        var first = await StartAsync();
        await StartAsync();

        for (var batch = 0; batch < 30; batch++)
            await SaveWidgetsAsync(first, tenantId: 1, count: 10);

        await WaitUntilAsync("SELECT count(*) = 0 FROM widgets.outbox_messages WHERE delivered_at IS NULL");
        Assert.Equal(300, _log.Deliveries.Count);
        Assert.Equal(300, _log.Deliveries.Distinct().Count());
        Assert.Equal(300L, await ScalarAsync<long>("SELECT count(*) FROM widgets.widget_effects"));
    }

    [Fact]
    public async Task Deliveries_go_through_when_the_requests_pool_holds_a_single_connection()
    {
        // The dispatcher holds its claim's connection while each consumer saves with its own: from one shared pool of
        // one connection, every delivery would wait for itself (ADR 0040). The requests' pool here is one connection.
        var host = await StartAsync(settings: new() { ["ConnectionStrings:Default"] = _connectionString + ";Maximum Pool Size=1;Timeout=3" });

        await SaveWidgetsAsync(host, tenantId: 1, count: 10);

        await WaitUntilAsync("SELECT count(*) = 10 FROM widgets.widget_effects");
        await WaitUntilAsync("SELECT count(*) = 0 FROM widgets.outbox_messages WHERE delivered_at IS NULL");
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM widgets.outbox_messages WHERE dead_lettered_at IS NOT NULL"));
    }

    [Fact]
    public async Task Events_committed_before_a_crash_are_delivered_after_the_restart()
    {
        var crashed = await StartAsync(dispatch: false);
        await SaveWidgetsAsync(crashed, tenantId: 1, count: 20);
        await crashed.StopAsync();
        Assert.Equal(0L, await ScalarAsync<long>("SELECT count(*) FROM widgets.widget_effects"));

        await StartAsync();

        await WaitUntilAsync("SELECT count(*) = 20 FROM widgets.widget_effects");
    }

    [Fact]
    public async Task A_commit_wakes_the_dispatcher_without_waiting_for_the_poll()
    {
        // With a ten-minute poll, only the NOTIFY sent at commit can deliver within the wait below.
        var host = await StartAsync(settings: new() { ["Outbox:PollInterval"] = "00:10:00" });
        await WaitUntilListeningAsync();

        await SaveWidgetsAsync(host, tenantId: 1, count: 1);

        await WaitUntilAsync("SELECT count(*) = 1 FROM widgets.widget_effects");
    }

    private async Task<IHost> StartAsync(bool dispatch = true, Dictionary<string, string?>? settings = null)
    {
        var host = _widgetHosts.Build(dispatch, settings);
        await host.StartAsync();
        _hosts.Add(host);
        return host;
    }

    private static async Task SaveWidgetsAsync(IHost host, long tenantId, int count, bool poison = false)
    {
        await using var db = host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>().ForTenant(tenantId);
        for (var i = 0; i < count; i++)
        {
            var name = $"widget {Guid.NewGuid():N}";
            db.Widgets.Add(new Widget { Name = name });
            db.Publish(new WidgetCreated(tenantId, name, poison));
        }

        await db.SaveChangesAsync();
    }

    private Task WaitUntilListeningAsync() =>
        WaitUntilAsync("SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND query LIKE 'LISTEN%'");

    private Task WaitUntilAsync(string sqlCondition) =>
        Eventually.TrueAsync(async () => await ScalarAsync<bool>(sqlCondition), sqlCondition);

    private async Task<T> ScalarAsync<T>(string sql)
    {
        await using var connection = new NpgsqlConnection(_connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        return (T)(await command.ExecuteScalarAsync())!;
    }

    public async Task DisposeAsync()
    {
        foreach (var host in _hosts)
        {
            await host.StopAsync();
            host.Dispose();
        }
    }
}
