using System.Data.Common;
using System.Text;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace WorkshopCrm.Shared.Data;

/// <summary>
/// Sends what a module DbContext queued with <see cref="ModuleDbContext.NotifyOnCommit"/> as the last statement of the
/// committing transaction: <c>SELECT pg_notify(…), …</c> just before the <c>COMMIT</c>, so the notifications leave with
/// the commit and never without it (ADR 0038). A commit with nothing queued costs nothing more; a usual one, one round
/// trip.
/// </summary>
internal sealed class NotifyAtCommit : DbTransactionInterceptor
{
    public static readonly NotifyAtCommit Instance = new();

    /// <summary>Notifications per statement (two parameters each; PostgreSQL takes at most 65,535 a statement).</summary>
    internal const int PerStatement = 1_000;

    public override InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        foreach (var group in Queued(eventData))
        {
            using var command = Command(transaction, group);
            command.ExecuteNonQuery();
        }

        return result;
    }

    public override async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        foreach (var group in Queued(eventData))
        {
            await using var command = Command(transaction, group);
            await command.ExecuteNonQueryAsync(cancellationToken);
        }

        return result;
    }

    private static IEnumerable<(string Channel, string Payload)[]> Queued(TransactionEventData eventData) =>
        eventData.Context is ModuleDbContext db ? db.TakeNotifications().Chunk(PerStatement) : [];

    private static NpgsqlCommand Command(DbTransaction transaction, (string Channel, string Payload)[] notifications)
    {
        var sql = new StringBuilder("SELECT ");
        var command = new NpgsqlCommand { Connection = (NpgsqlConnection)transaction.Connection!, Transaction = (NpgsqlTransaction)transaction };
        for (var i = 0; i < notifications.Length; i++)
        {
            sql.Append(i == 0 ? "pg_notify($" : ", pg_notify($").Append(2 * i + 1).Append(", $").Append(2 * i + 2).Append(')');
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notifications[i].Channel });
            command.Parameters.Add(new NpgsqlParameter<string> { TypedValue = notifications[i].Payload });
        }

        command.CommandText = sql.ToString();
        return command;
    }
}
