using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Tests;

/// <summary>
/// ModuleDbContext.NotifyOnCommit (ADR 0038): what open screens are told about a change leaves with the transaction that
/// made it, once, and never without it. Heard here as another Host instance hears it: a LISTEN on its own connection.
/// </summary>
public sealed class NotifyingAtCommit : IAsyncLifetime
{
    private const string Channel = "widgets_live";
    private Microsoft.Extensions.Hosting.IHost _host = null!;
    private Ear _ear = null!;

    public async Task InitializeAsync()
    {
        var database = await TestPostgres.CreateDatabaseAsync("notifyatcommit");
        _host = new WidgetHosts(database, new DeliveryLog()).Build(dispatch: false);
        await WidgetHosts.CreateSchemaAsync(_host.Services);
        _ear = await Ear.ListenAsync(database, Channel);
    }

    [Fact]
    public async Task A_save_without_a_transaction_of_its_own_tells_listeners_once_it_committed()
    {
        await using var db = Dbs.ForTenant(1);
        db.Widgets.Add(new Widget { Name = "w" });
        db.NotifyOnCommit(Channel, "widget added");

        await db.SaveChangesAsync();

        Assert.Equal("widget added", await NextAsync());
        Assert.Equal(1L, await CountAsync(db, "w")); // told about what is there to read
    }

    [Fact]
    public async Task Nothing_is_told_before_the_commit_and_nothing_at_all_when_the_transaction_rolls_back()
    {
        await using (var db = Dbs.ForTenant(1))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "rolled back" });
            db.NotifyOnCommit(Channel, "rolled back");
            await db.SaveChangesAsync();
            await transaction.RollbackAsync();

            // The same unit of work commits something else afterwards: only that is told.
            await using var next = await db.Database.BeginTransactionAsync();
            db.Widgets.Add(new Widget { Name = "kept" });
            db.NotifyOnCommit(Channel, "kept");
            await db.SaveChangesAsync();
            Assert.False(_ear.Heard.TryRead(out var early), $"told before the commit: {early}");
            await next.CommitAsync();
        }

        Assert.Equal("kept", await NextAsync());
        Assert.False(_ear.Heard.TryRead(out var more), $"told more than once or about what rolled back: {more}");
    }

    [Fact]
    public async Task A_change_of_thousands_of_rows_tells_each_of_them()
    {
        const int count = NotifyAtCommit.PerStatement * 2 + 500; // three statements before the COMMIT
        await using (var db = Dbs.ForTenant(1))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            for (var i = 0; i < count; i++)
                db.NotifyOnCommit(Channel, $"row {i}");
            db.Widgets.Add(new Widget { Name = "many" });
            await db.SaveChangesAsync();
            await transaction.CommitAsync();
        }

        var heard = new List<string>();
        for (var i = 0; i < count; i++)
            heard.Add(await NextAsync());
        Assert.Equal(Enumerable.Range(0, count).Select(i => $"row {i}"), heard);
    }

    private Task<string> NextAsync() => _ear.NextAsync();

    private static Task<long> CountAsync(WidgetDb db, string name) => db.Widgets.LongCountAsync(w => w.Name == name);

    private ModuleDbFactory<WidgetDb> Dbs => _host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>();

    public async Task DisposeAsync()
    {
        await _ear.DisposeAsync();
        _host.Dispose();
    }

    /// <summary>Another instance's LISTEN: its own connection, waiting for notifications until disposed.</summary>
    private sealed class Ear : IAsyncDisposable
    {
        private readonly NpgsqlConnection _connection;
        private readonly Channel<string> _heard = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly CancellationTokenSource _stop = new();
        private Task _waiting = Task.CompletedTask;

        private Ear(NpgsqlConnection connection)
        {
            _connection = connection;
            _connection.Notification += (_, e) => _heard.Writer.TryWrite(e.Payload);
        }

        public ChannelReader<string> Heard => _heard.Reader;

        public static async Task<Ear> ListenAsync(string database, string channel)
        {
            var ear = new Ear(new NpgsqlConnection(new NpgsqlConnectionStringBuilder(database) { Pooling = false }.ConnectionString));
            await ear._connection.OpenAsync();
            await using (var listen = new NpgsqlCommand($"LISTEN {channel}", ear._connection))
                await listen.ExecuteNonQueryAsync();
            ear._waiting = ear.WaitAsync(ear._stop.Token);
            return ear;
        }

        public async Task<string> NextAsync()
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            return await _heard.Reader.ReadAsync(timeout.Token);
        }

        private async Task WaitAsync(CancellationToken ct)
        {
            try
            {
                while (!ct.IsCancellationRequested)
                    await _connection.WaitAsync(ct);
            }
            catch (OperationCanceledException)
            {
            }
        }

        public async ValueTask DisposeAsync()
        {
            await _stop.CancelAsync();
            await _waiting;
            await _connection.DisposeAsync();
            _stop.Dispose();
        }
    }
}
