using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Tests;

/// <summary>
/// A save inside an explicit transaction sends no SAVEPOINT (ADR 0030): a round trip and two statements fewer on every
/// move and completion. What that means, and what the code relies on: a failed save ends its transaction.
/// </summary>
public sealed class SavesWithoutSavepoints : IAsyncLifetime
{
    private Microsoft.Extensions.Hosting.IHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new WidgetHosts(await TestPostgres.CreateDatabaseAsync("savepoints"), new DeliveryLog()).Build(dispatch: false);
        await WidgetHosts.CreateSchemaAsync(_host.Services);
    }

    [Fact]
    public async Task A_failed_save_inside_a_transaction_leaves_it_aborted_with_nothing_to_roll_back_to()
    {
        await using var db = _host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>().ForTenant(1);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Widgets.Add(new Widget { Name = null! }); // NOT NULL: the database refuses it

        await Assert.ThrowsAsync<DbUpdateException>(() => db.SaveChangesAsync());

        // With EF's automatic savepoints, the failed save would have been rolled back to one and the transaction would
        // go on; without them PostgreSQL has aborted it, and the unit of work's next statement says so.
        var next = await Assert.ThrowsAsync<PostgresException>(() => db.Widgets.CountAsync());
        Assert.Equal(PostgresErrorCodes.InFailedSqlTransaction, next.SqlState);
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }
}
