using Npgsql;
using NpgsqlTypes;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Live;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>
/// A move as the caller asks it: <paramref name="StageId"/>, after <paramref name="AfterId"/> and/or before
/// <paramref name="BeforeId"/> (neither: the end of the column). <paramref name="OnlyOwnerId"/>: the cards the caller can
/// see are this user's alone (a Salesperson; null for a Business Owner). <paramref name="LossReason"/> as it is stored.
/// </summary>
internal sealed record DealMove(
    long TenantId, long DealId, long StageId, long? AfterId, long? BeforeId, string? LossReason, long? OnlyOwnerId, long? ActingUserId,
    DateTimeOffset At);

/// <summary>What a move did: <see cref="Moved"/>, or why nothing was written.</summary>
internal enum MoveOutcome
{
    Moved,

    /// <summary>No such card, or one the caller cannot see.</summary>
    DealMissing,

    /// <summary>The card to follow is not one the caller can see in the target column.</summary>
    AfterMissing,

    /// <summary>The card to precede is not one the caller can see in the target column.</summary>
    BeforeMissing,

    /// <summary>No room between the neighbours: spread the column out (<see cref="ColumnOrdering.RenumberAsync"/>) and move again.</summary>
    ColumnFull,
}

/// <summary>
/// A card's move on the board in one round trip (issue 15, ADR 0039): the tenant binding, pipeline.move_deal (the locks,
/// the neighbours, the update, the history entry and the open boards' notification, in ColumnOrdering's lock order and
/// gaps) and the moved card as the board shows it, one batch in one implicit transaction. The move had been seven round
/// trips through EF, each a thread hand-off in the Host and a statement's protocol work in PostgreSQL.
/// </summary>
internal sealed class DealMoves(NpgsqlDataSource dataSource)
{
    public async Task<(MoveOutcome Outcome, CardRow? Card)> MoveAsync(DealMove move, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(RowLevelSecurity.BindTenant(move.TenantId));
        batch.BatchCommands.Add(new NpgsqlBatchCommand("SELECT pipeline.move_deal($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)")
        {
            Parameters =
            {
                new NpgsqlParameter<long> { TypedValue = move.TenantId },
                new NpgsqlParameter<long> { TypedValue = move.DealId },
                new NpgsqlParameter<long> { TypedValue = move.StageId },
                Nullable(move.AfterId, NpgsqlDbType.Bigint),
                Nullable(move.BeforeId, NpgsqlDbType.Bigint),
                Nullable(move.LossReason, NpgsqlDbType.Text),
                Nullable(move.OnlyOwnerId, NpgsqlDbType.Bigint),
                Nullable(move.ActingUserId, NpgsqlDbType.Bigint),
                new NpgsqlParameter<DateTimeOffset> { TypedValue = move.At },
                new NpgsqlParameter<long> { TypedValue = ColumnOrdering.Key(move.TenantId, move.StageId) },
                new NpgsqlParameter<int> { TypedValue = ColumnOrdering.Gap },
                new NpgsqlParameter<string> { TypedValue = BoardRelay.Channel },
            },
        });
        batch.BatchCommands.Add(BoardQuery.Card(move.TenantId, move.DealId));

        await using var reader = await batch.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        var outcome = reader.GetString(0) switch
        {
            "moved" => MoveOutcome.Moved,
            "deal_missing" => MoveOutcome.DealMissing,
            "after_missing" => MoveOutcome.AfterMissing,
            "before_missing" => MoveOutcome.BeforeMissing,
            "column_full" => MoveOutcome.ColumnFull,
            var other => throw new InvalidOperationException($"pipeline.move_deal answered '{other}'."),
        };
        await reader.NextResultAsync(ct);
        // The card is read only for a move made: otherwise it may be one the caller cannot see.
        var card = outcome == MoveOutcome.Moved && await reader.ReadAsync(ct) ? BoardQuery.ReadCard(reader) : null;
        return (outcome, card);
    }

    private static NpgsqlParameter Nullable(object? value, NpgsqlDbType type) => new() { Value = value ?? DBNull.Value, NpgsqlDbType = type };
}
