using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Binds every database transaction of a module DbContext to the context's tenant (or, for an explicit cross-tenant
/// unit of work, to all tenants) before its first statement, so that row-level security sees what EF's filter sees
/// (ADR 0018). A command outside a transaction gets the binding call in front of it, in the same round trip and the
/// same implicit transaction; an explicit transaction (and every SaveChanges, which always has one) is bound once
/// when it begins. Both are transaction-local: nothing stays on the pooled connection.
/// </summary>
internal sealed class TenantBinding : IDbCommandInterceptor, IDbTransactionInterceptor
{
    public static readonly TenantBinding Instance = new();

    private const string TenantParameter = "tenancy_tenant_id";

    public InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
    {
        Prefix(command, eventData);
        return result;
    }

    public ValueTask<InterceptionResult<object>> ScalarExecutingAsync(DbCommand command, CommandEventData eventData,
        InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Prefix(command, eventData);
        return ValueTask.FromResult(result);
    }

    public DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        using var bind = BindCommand(connection, result, eventData.Context);
        bind?.ExecuteNonQuery();
        return result;
    }

    public async ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData,
        DbTransaction result, CancellationToken cancellationToken = default)
    {
        await using var bind = BindCommand(connection, result, eventData.Context);
        if (bind is not null)
            await bind.ExecuteNonQueryAsync(cancellationToken);
        return result;
    }

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

    /// <summary>Puts the binding call in front of a command that runs outside a transaction (its own implicit one).</summary>
    private static void Prefix(DbCommand command, CommandEventData eventData)
    {
        if (command.Transaction is not null || eventData.Context is not ModuleDbContext db)
            return;

        if (db.CurrentTenantId is { } tenantId)
        {
            command.CommandText = $"CALL {RowLevelSecurity.Schema}.bind_tenant(@{TenantParameter});\n" + command.CommandText;
            command.Parameters.Add(new NpgsqlParameter<long>(TenantParameter, tenantId));
        }
        else if (db.SeesAllTenants)
        {
            command.CommandText = RowLevelSecurity.BindAllTenantsCall + ";\n" + command.CommandText;
        }
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
