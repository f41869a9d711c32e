using System.Collections.Concurrent;
using MassTransit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Shared.Tests;

// A module of the tests' own, built on the Shared kernel exactly as a real module is.

public sealed class Widget : ITenantScoped
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string Name { get; set; }
}

/// <summary>What the idempotent consumer writes: one row per message it applied.</summary>
public sealed class WidgetEffect : ITenantScoped
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public required string Name { get; set; }
}

public sealed record WidgetCreated(long TenantId, string Name, bool Poison = false);

public sealed class WidgetDb(DbContextOptions<WidgetDb> options) : ModuleDbContext(options)
{
    public const string SchemaName = "widgets";
    public override string Schema => SchemaName;
    public DbSet<Widget> Widgets => Set<Widget>();
    public DbSet<WidgetEffect> Effects => Set<WidgetEffect>();

    protected override void ConfigureModule(ModelBuilder modelBuilder)
    {
        modelBuilder.Entity<Widget>().ToTable("widgets");
        modelBuilder.Entity<WidgetEffect>().ToTable("widget_effects");
    }
}

/// <summary>What consumers saw, shared by every Host a test starts.</summary>
public sealed class DeliveryLog
{
    private int _poisonAttempts;

    public ConcurrentQueue<Guid> Deliveries { get; } = new();
    public int PoisonAttempts => Volatile.Read(ref _poisonAttempts);
    public bool PoisonCured { get; set; }

    public void CountPoisonAttempt() => Interlocked.Increment(ref _poisonAttempts);
}

public sealed class ApplyWidget(ModuleDbFactory<WidgetDb> dbs) : IdempotentConsumer<WidgetCreated, WidgetDb>(dbs)
{
    protected override long? TenantOf(WidgetCreated message) => message.TenantId;

    protected override Task HandleAsync(WidgetDb db, WidgetCreated message, CancellationToken ct)
    {
        if (message.Poison)
            return Task.CompletedTask;
        db.Effects.Add(new WidgetEffect { Name = message.Name });
        return Task.CompletedTask;
    }
}

/// <summary>Tells every listener of <see cref="Channel"/> the widget's name, claimed in the inbox in the same statement.</summary>
public sealed class RelayWidget(Npgsql.NpgsqlDataSource dataSource) : IdempotentRelay<WidgetCreated>(dataSource)
{
    public const string Channel = "widgets_relay";

    protected override string Schema => WidgetDb.SchemaName;

    protected override (string Channel, string Payload) Relay(WidgetCreated message) => (Channel, message.Name);
}

/// <summary>Records every delivery, without an inbox, so double deliveries would show.</summary>
public sealed class RecordDelivery(DeliveryLog log) : IConsumer<WidgetCreated>
{
    public Task Consume(ConsumeContext<WidgetCreated> context)
    {
        if (!context.Message.Poison)
            log.Deliveries.Enqueue(context.MessageId!.Value);
        return Task.CompletedTask;
    }
}

public sealed class FailOnPoison(DeliveryLog log) : IConsumer<WidgetCreated>
{
    public Task Consume(ConsumeContext<WidgetCreated> context)
    {
        if (context.Message.Poison && !log.PoisonCured)
        {
            log.CountPoisonAttempt();
            throw new InvalidOperationException("This widget is poisoned.");
        }

        return Task.CompletedTask;
    }
}

/// <summary>Starts Hosts running the widget module against one database.</summary>
public sealed class WidgetHosts(string connectionString, DeliveryLog log)
{
    public IHost Build(bool dispatch = true, Dictionary<string, string?>? settings = null)
    {
        var builder = Microsoft.Extensions.Hosting.Host.CreateApplicationBuilder();
        builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["ConnectionStrings:Default"] = connectionString,
            ["Jwt:SigningKey"] = CrmAppFixture.SigningKey,
            ["Smtp:PickupDirectory"] = Path.Combine(Path.GetTempPath(), "workshopcrm-tests-mail"),
            ["Outbox:Enabled"] = dispatch ? "true" : "false",
            ["Outbox:PollInterval"] = "00:00:00.200",
            ["Outbox:FirstRetryDelay"] = "00:00:00.020",
            ["Outbox:MaxRetryDelay"] = "00:00:00.100",
            ["Outbox:MaxAttempts"] = "3",
        });
        if (settings is not null)
            builder.Configuration.AddInMemoryCollection(settings);
        builder.Logging.ClearProviders();
        builder.Services.AddSharedKernel(builder.Configuration);
        builder.Services.AddModuleDbContext<WidgetDb>(WidgetDb.SchemaName);
        builder.Services.AddSingleton(log);
        builder.Services.AddMediator(m =>
        {
            m.AddConsumer<ApplyWidget>();
            m.AddConsumer<RecordDelivery>();
            m.AddConsumer<FailOnPoison>();
            m.AddConsumer<RelayWidget>();
        });
        return builder.Build();
    }

    public static async Task CreateSchemaAsync(IServiceProvider services)
    {
        await using var db = services.GetRequiredService<ModuleDbFactory<WidgetDb>>().WithoutTenant();
        await db.Database.EnsureCreatedAsync();
        await db.Database.ExecuteSqlRawAsync(OutboxMigrations.NotifyTriggerSql(WidgetDb.SchemaName));
        // What DatabaseMigrator does for a real module: the procedures every transaction is bound with.
        await db.Database.ExecuteSqlRawAsync(RowLevelSecurity.BindingProceduresSql(new DatabaseRoles("postgres", Runtime: null, Across: null)));
    }
}
