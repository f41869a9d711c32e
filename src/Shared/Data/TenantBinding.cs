using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Binds every database transaction of a module DbContext to the context's tenant (or, for an explicit cross-tenant
/// unit of work, to all tenants) before its first statement, so that row-level security sees what EF's filter sees
/// (ADR 0018). A command outside a transaction gets the binding call in front of it, in the same round trip and the
/// same implicit transaction; a transaction (every SaveChanges has one) is bound by its first statement the same way,
/// or, when that is a save's batch, by a statement of its own just before it. Both are transaction-local: nothing
/// stays on the pooled connection.
/// </summary>
internal sealed class TenantBinding : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly TenantBinding Instance = new();

    private const string TenantParameter = "tenancy_tenant_id";

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        if (!Prefix(command, eventData))
            BindNowAsync(command, eventData, async: false, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        if (!Prefix(command, eventData))
            await BindNowAsync(command, eventData, async: true, cancellationToken);
        return result;
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        if (!Prefix(command, eventData))
            BindNowAsync(command, eventData, async: false, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        if (!Prefix(command, eventData))
            await BindNowAsync(command, eventData, async: true, cancellationToken);
        return result;
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        if (!Prefix(command, eventData))
            BindNowAsync(command, eventData, async: false, default).AsTask().GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        if (!Prefix(command, eventData))
            await BindNowAsync(command, eventData, async: true, cancellationToken);
        return result;
    }

    /// <summary>A transaction is bound with its first statement, in that statement's round trip (see <see cref="Prefix"/>).</summary>
    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        if (eventData.Context is ModuleDbContext db)
            db.BindPending = db.CurrentTenantId is not null || db.SeesAllTenants;
        return result;
    }

    public ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(TransactionStarted(connection, eventData, result));

    public DbTransaction TransactionUsed(DbConnection connection, TransactionEventData eventData, DbTransaction result)
    {
        using var bind = BindCommand(connection, result, eventData.Context);
        bind?.ExecuteNonQuery();
        return result;
    }

    public async ValueTask<DbTransaction> TransactionUsedAsync(DbConnection connection, TransactionEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var bind = BindCommand(connection, result, eventData.Context);
        if (bind is not null)
            await bind.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

    /// <summary>
    /// Puts the binding call in front of a command that runs outside a transaction (in its own implicit one) or that is
    /// the first of a transaction not bound yet: one round trip for both. False when the command needs binding but
    /// cannot carry it: a save's batch, whose statements' row counts EF reads by position; it is then bound on its own.
    /// </summary>
    private static bool Prefix(DbCommand command, CommandEventData eventData)
    {
        if (eventData.Context is not ModuleDbContext db)
            return true;
        if (command.Transaction is not null)
        {
            if (!db.BindPending)
                return true;
            if (eventData.CommandSource == CommandSource.SaveChanges)
                return false;
            db.BindPending = false;
        }

        if (db.CurrentTenantId is { } tenantId)
        {
            var procedure = command.CommandText.Contains("-- " + RowLevelSecurity.PlanningEachTag, StringComparison.Ordinal)
                ? RowLevelSecurity.BindTenantPlanningEachProcedure : RowLevelSecurity.BindTenantProcedure;
            command.CommandText = $"CALL {RowLevelSecurity.Schema}.{procedure}(@{TenantParameter});\n" + command.CommandText;
            command.Parameters.Add(new NpgsqlParameter<long>(TenantParameter, tenantId));
        }
        else if (db.SeesAllTenants)
        {
            command.CommandText = RowLevelSecurity.BindAllTenantsCall + ";\n" + command.CommandText;
        }

        return true;
    }

    /// <summary>Binds the pending transaction with a statement of its own, before a save's batch.</summary>
    private static async ValueTask BindNowAsync(DbCommand command, CommandEventData eventData, bool async, CancellationToken ct)
    {
        var db = (ModuleDbContext)eventData.Context!;
        db.BindPending = false;
        await using var bind = BindCommand(command.Connection!, command.Transaction!, db);
        if (bind is null)
            return;
        if (async)
            await bind.ExecuteNonQueryAsync(ct);
        else
            bind.ExecuteNonQuery();
    }

    private static DbCommand? BindCommand(DbConnection connection, DbTransaction transaction, Microsoft.EntityFrameworkCore.DbContext? context)
    {
        if (context is not ModuleDbContext db || (db.CurrentTenantId is null && !db.SeesAllTenants))
            return null;

        var command = connection.CreateCommand();
        command.Transaction = transaction;
        if (db.CurrentTenantId is { } tenantId)
        {
            command.CommandText = RowLevelSecurity.BindTenantCall;
            command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = tenantId });
        }
        else
        {
            command.CommandText = RowLevelSecurity.BindAllTenantsCall;
        }

        return command;
    }
}
