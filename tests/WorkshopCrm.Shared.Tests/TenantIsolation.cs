using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Shared.Tests;

public sealed class TenantIsolation : IAsyncLifetime
{
    private IServiceProvider _services = null!;
    private Microsoft.Extensions.Hosting.IHost _host = null!;

    public async Task InitializeAsync()
    {
        _host = new WidgetHosts(await TestPostgres.CreateDatabaseAsync("tenancy"), new DeliveryLog()).Build(dispatch: false);
        _services = _host.Services;
        await WidgetHosts.CreateSchemaAsync(_services);
    }

    [Fact]
    public async Task A_unit_of_work_sees_only_its_own_tenants_rows()
    {
        await SaveAsync(tenantId: 1, "mine");
        await SaveAsync(tenantId: 2, "theirs");

        await using var db = Dbs.ForTenant(1);

        Assert.Equal(["mine"], await db.Widgets.Select(w => w.Name).ToListAsync());
        Assert.Null(await db.Widgets.SingleOrDefaultAsync(w => w.Name == "theirs"));
    }

    [Fact]
    public async Task Inserted_rows_are_stamped_with_the_current_tenant()
    {
        await SaveAsync(tenantId: 7, "stamped");

        await using var db = Dbs.WithoutTenant();

        Assert.Equal(7, (await db.Widgets.IgnoreQueryFilters().SingleAsync(w => w.Name == "stamped")).TenantId);
    }

    [Fact]
    public async Task A_unit_of_work_bound_to_no_tenant_sees_no_rows_and_cannot_insert_any()
    {
        await SaveAsync(tenantId: 3, "hidden");
        await using var db = Dbs.WithoutTenant();

        Assert.Empty(await db.Widgets.ToListAsync());
        db.Widgets.Add(new Widget { Name = "orphan" });
        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task A_row_of_another_tenant_cannot_be_written_through_this_tenants_unit_of_work()
    {
        await using var db = Dbs.ForTenant(1);

        db.Widgets.Add(new Widget { Name = "smuggled", TenantId = 2 });

        await Assert.ThrowsAsync<InvalidOperationException>(() => db.SaveChangesAsync());
    }

    private ModuleDbFactory<WidgetDb> Dbs => _services.GetRequiredService<ModuleDbFactory<WidgetDb>>();

    private async Task SaveAsync(long tenantId, string name)
    {
        await using var db = Dbs.ForTenant(tenantId);
        db.Widgets.Add(new Widget { Name = name });
        await db.SaveChangesAsync();
    }

    public Task DisposeAsync()
    {
        _host.Dispose();
        return Task.CompletedTask;
    }
}
