using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Tests;

/// <summary>ModuleDbContext.AfterCommit: what must follow a committed change runs after the commit, and only then.</summary>
public sealed class RunningAfterCommit : IAsyncLifetime
{
    private Microsoft.Extensions.Hosting.IHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new WidgetHosts(await TestPostgres.CreateDatabaseAsync("aftercommit"), new DeliveryLog()).Build(dispatch: false);
        await WidgetHosts.CreateSchemaAsync(_host.Services);
    }

    [Fact]
    public async Task Queued_work_runs_when_the_transaction_commits_not_before()
    {
        var ran = 0;
        await using var db = Dbs.ForTenant(1);
        await using var transaction = await db.Database.BeginTransactionAsync();
        db.Widgets.Add(new Widget { Name = "w" });
        await db.SaveChangesAsync();
        db.AfterCommit(() => ran++);

        Assert.Equal(0, ran);
        await transaction.CommitAsync();
        Assert.Equal(1, ran);
    }

    [Fact]
    public async Task Queued_work_is_dropped_when_the_transaction_rolls_back()
    {
        var ran = 0;
        await using (var db = Dbs.ForTenant(1))
        {
            await using var transaction = await db.Database.BeginTransactionAsync();
            db.AfterCommit(() => ran++);
            await transaction.RollbackAsync();

            await using var next = await db.Database.BeginTransactionAsync();
            await next.CommitAsync();
        }

        Assert.Equal(0, ran);
    }

    [Fact]
    public async Task Without_a_transaction_it_runs_at_once()
    {
        var ran = 0;
        await using var db = Dbs.ForTenant(1);

        db.AfterCommit(() => ran++);

        Assert.Equal(1, ran);
    }

    private ModuleDbFactory<WidgetDb> Dbs => _host.Services.GetRequiredService<ModuleDbFactory<WidgetDb>>();

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }
}
