using Npgsql;

namespace WorkshopCrm.Shared.Messaging;

/// <summary>A message parked after its last failed attempt (the analogue of Laravel's failed_jobs).</summary>
public sealed record DeadLetter(string Schema, Guid Id, string Type, int Attempts, DateTimeOffset OccurredAt, DateTimeOffset DeadLetteredAt, string LastError);

/// <summary>Lists and replays dead letters across every module's outbox (the Host's <c>dead-letters</c> verb).</summary>
public sealed class DeadLetters(IEnumerable<ModuleMessageTables> tables, NpgsqlDataSource dataSource, TimeProvider clock)
{
    public async Task<IReadOnlyList<DeadLetter>> ListAsync(CancellationToken ct)
    {
        var letters = new List<DeadLetter>();
        foreach (var table in tables)
        {
            await using var query = dataSource.CreateCommand(
                $"""
                 SELECT id, type, attempts, occurred_at, dead_lettered_at, coalesce(last_error, '')
                 FROM {table.Outbox} WHERE dead_lettered_at IS NOT NULL ORDER BY dead_lettered_at
                 """);
            await using var reader = await query.ExecuteReaderAsync(ct);
            while (await reader.ReadAsync(ct))
            {
                letters.Add(new DeadLetter(table.Schema, reader.GetGuid(0), reader.GetString(1), reader.GetInt32(2),
                    reader.GetFieldValue<DateTimeOffset>(3), reader.GetFieldValue<DateTimeOffset>(4), reader.GetString(5)));
            }
        }

        return letters;
    }

    /// <summary>Puts dead letters back in line with a fresh attempt count; null replays every one. Returns how many.</summary>
    public async Task<int> ReplayAsync(Guid? id, CancellationToken ct)
    {
        var replayed = 0;
        foreach (var table in tables)
        {
            await using var replay = dataSource.CreateCommand(
                $"""
                 UPDATE {table.Outbox}
                 SET dead_lettered_at = NULL, attempts = 0, available_at = @now
                 WHERE dead_lettered_at IS NOT NULL AND (@id::uuid IS NULL OR id = @id);
                 """);
            replay.Parameters.AddWithValue("now", clock.GetUtcNow());
            replay.Parameters.Add(new NpgsqlParameter<Guid?>("id", id));
            replayed += await replay.ExecuteNonQueryAsync(ct);
            await using var notify = dataSource.CreateCommand($"SELECT pg_notify('{table.NotifyChannel}', '')");
            await notify.ExecuteNonQueryAsync(ct);
        }

        return replayed;
    }
}
