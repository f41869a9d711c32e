using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace WorkshopCrm.Shared.Data;

/// <summary>Runs what a module DbContext queued with <see cref="ModuleDbContext.AfterCommit"/> when its transaction commits.</summary>
internal sealed class AfterCommitHooks : DbTransactionInterceptor
{
    public static readonly AfterCommitHooks Instance = new();

    public override DbTransaction TransactionStarted(DbConnection connection, TransactionEndEventData eventData, DbTransaction result)
    {
        (eventData.Context as ModuleDbContext)?.ForgetAfterCommit(); // nothing from an earlier, abandoned transaction
        return result;
    }

    public override ValueTask<DbTransaction> TransactionStartedAsync(DbConnection connection, TransactionEndEventData eventData, DbTransaction result,
        CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.ForgetAfterCommit();
        return ValueTask.FromResult(result);
    }

    public override void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.Committed();

    public override Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.Committed();
        return Task.CompletedTask;
    }

    public override void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) =>
        (eventData.Context as ModuleDbContext)?.RolledBack();

    public override Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        (eventData.Context as ModuleDbContext)?.RolledBack();
        return Task.CompletedTask;
    }
}
