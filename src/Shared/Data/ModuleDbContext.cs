using System.Linq.Expressions;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Base of every module's DbContext: the module's schema, its outbox and inbox tables,
/// the tenant query filter on every <see cref="ITenantScoped"/> entity and tenant/timestamp stamping on save.
/// </summary>
public abstract class ModuleDbContext(DbContextOptions options) : DbContext(options)
{
    /// <summary>The tenant this unit of work is bound to; null sees no tenant-scoped rows and may not insert them.</summary>
    public long? CurrentTenantId { get; private set; }

    /// <summary>
    /// Bound to every tenant at the database (row-level security lets it see and write every tenant's rows): only for
    /// the explicit cross-tenant units of work, see <see cref="ModuleDbFactory{TDb}.AcrossTenants"/>. EF's tenant
    /// filter still applies; those queries say IgnoreQueryFilters where they mean it.
    /// </summary>
    public bool SeesAllTenants { get; private set; }

    internal TimeProvider Clock { get; set; } = TimeProvider.System;

    /// <summary>
    /// The user this unit of work acts for (a request's caller), for what records who did a change (a deal's history);
    /// null for consumers and jobs unless they say (the system acting).
    /// </summary>
    public long? ActingUserId { get; set; }

    /// <summary>The module's PostgreSQL schema (the seed's table names live in it).</summary>
    public abstract string Schema { get; }

    public DbSet<OutboxMessage> OutboxMessages => Set<OutboxMessage>();
    public DbSet<InboxMessage> InboxMessages => Set<InboxMessage>();

    private readonly List<Action> _afterCommit = [];
    private readonly List<(string Channel, string Payload)> _notifications = [];

    /// <summary>The current transaction began but is not bound to the tenant yet (TenantBinding binds it with its first statement).</summary>
    internal bool BindPending { get; set; }

    /// <summary>
    /// Runs <paramref name="action"/> once the unit of work's current transaction commits (never if it rolls back);
    /// at once when there is no transaction, because each statement then committed on its own already. For what must
    /// follow a committed change and only then, like telling the session gate a sign-in ended.
    /// </summary>
    public void AfterCommit(Action action)
    {
        if (Database.CurrentTransaction is null)
            action();
        else
            _afterCommit.Add(action);
    }

    internal void Committed()
    {
        BindPending = false;
        var actions = _afterCommit.ToArray();
        _afterCommit.Clear();
        foreach (var action in actions)
            action();
    }

    internal void ForgetAfterCommit() => _afterCommit.Clear();

    /// <summary>
    /// Sends <c>pg_notify(channel, payload)</c> in the transaction that commits this unit of work's changes, as its
    /// last statement before the <c>COMMIT</c> (<see cref="NotifyAtCommit"/>): PostgreSQL delivers it to every
    /// listening Host instance when, and only if, that transaction commits, once. For what open screens should show
    /// of a change and nothing else needs (ADR 0038); what another module or the outside must get goes through the
    /// outbox (<see cref="Publish{TEvent}"/>). The payload stays small: pg_notify refuses 8,000 bytes.
    /// </summary>
    public void NotifyOnCommit(string channel, string payload) => _notifications.Add((channel, payload));

    /// <summary>What <see cref="NotifyOnCommit"/> queued for the commit now under way (taken: sent once).</summary>
    internal IReadOnlyList<(string Channel, string Payload)> TakeNotifications()
    {
        if (_notifications.Count == 0)
            return [];
        var taken = _notifications.ToArray();
        _notifications.Clear();
        return taken;
    }

    internal void RolledBack()
    {
        BindPending = false;
        _afterCommit.Clear();
        _notifications.Clear();
    }

    internal void Bind(long? tenantId, bool allTenants, TimeProvider clock)
    {
        _afterCommit.Clear();
        _notifications.Clear();
        BindPending = false;
        CurrentTenantId = tenantId;
        SeesAllTenants = allTenants;
        Clock = clock;
        ActingUserId = null;
        // Every save runs in a transaction, even a one-statement one, so that TenantBinding can bind it first.
        Database.AutoTransactionBehavior = AutoTransactionBehavior.Always;
        // No SAVEPOINT / RELEASE around a save inside an explicit transaction: two statements and a round trip more on
        // every such save (a move, a completion), for a partial rollback nothing here uses: a failed save ends its
        // unit of work, which rolls the whole transaction back (ADR 0030).
        Database.AutoSavepointsEnabled = false;
    }

    /// <summary>Raises an integration event: stored in this schema's outbox in the same transaction as the change.</summary>
    /// <param name="integrationEvent">The event.</param>
    /// <param name="carriesSecret">The payload holds a secret (a token to mail): blank it in the outbox once delivered.</param>
    public void Publish<TEvent>(TEvent integrationEvent, bool carriesSecret = false) where TEvent : class =>
        OutboxMessages.Add(OutboxMessage.For(integrationEvent, Clock.GetUtcNow(), carriesSecret));

    protected sealed override void OnModelCreating(ModelBuilder modelBuilder)
    {
        modelBuilder.HasDefaultSchema(Schema);
        ConfigureModule(modelBuilder);
        modelBuilder.ApplyConfiguration(new OutboxMessageConfiguration());
        modelBuilder.ApplyConfiguration(new InboxMessageConfiguration());
        ApplyTenantFilters(modelBuilder);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder) =>
        // Indexes are the seed's, declared by name; EF's automatic foreign-key indexes would add ones it does not have.
        configurationBuilder.Conventions.Remove<Microsoft.EntityFrameworkCore.Metadata.Conventions.ForeignKeyIndexConvention>();

    /// <summary>The module's own entities and seed rows.</summary>
    protected abstract void ConfigureModule(ModelBuilder modelBuilder);

    /// <summary>
    /// What a module adds to every save before it is written, in the same transaction (a deal's history entries): the
    /// one place, so no path that changes an entity forgets it.
    /// </summary>
    protected virtual void BeforeSave(DateTimeOffset now)
    {
    }

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
        BeforeSave(Clock.GetUtcNow());
        StampChanges();
        return base.SaveChanges(acceptAllChangesOnSuccess);
    }

    public override Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        BeforeSave(Clock.GetUtcNow());
        StampChanges();
        return base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
    }

    private void StampChanges()
    {
        var now = Clock.GetUtcNow();
        foreach (var entry in ChangeTracker.Entries())
        {
            if (entry.State == EntityState.Added && entry.Entity is ITenantScoped scoped)
                StampTenant(scoped);

            if (entry.Entity is IHasTimestamps stamped)
            {
                if (entry.State == EntityState.Added)
                {
                    stamped.CreatedAt ??= now;
                    stamped.UpdatedAt ??= now;
                }
                else if (entry.State == EntityState.Modified)
                {
                    stamped.UpdatedAt = now;
                }
            }
        }
    }

    private void StampTenant(ITenantScoped scoped)
    {
        if (scoped.TenantId == 0)
        {
            scoped.TenantId = CurrentTenantId
                ?? throw new InvalidOperationException("A tenant-scoped row was added to a unit of work bound to no tenant.");
        }
        else if (CurrentTenantId is { } current && scoped.TenantId != current)
        {
            throw new InvalidOperationException("A row of another tenant was added to this tenant's unit of work.");
        }
    }

    private void ApplyTenantFilters(ModelBuilder modelBuilder)
    {
        var currentTenant = Expression.Property(Expression.Constant(this), nameof(CurrentTenantId));
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            if (!typeof(ITenantScoped).IsAssignableFrom(entityType.ClrType) || entityType.BaseType is not null)
                continue;

            var row = Expression.Parameter(entityType.ClrType, "row");
            var rowTenant = Expression.Convert(Expression.Property(row, nameof(ITenantScoped.TenantId)), typeof(long?));
            var filter = Expression.Lambda(Expression.Equal(rowTenant, currentTenant), row);
            modelBuilder.Entity(entityType.ClrType).HasQueryFilter(filter);
        }
    }
}
