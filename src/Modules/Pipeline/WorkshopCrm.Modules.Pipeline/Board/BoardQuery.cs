using System.Globalization;
using System.Text;
using Npgsql;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;

namespace WorkshopCrm.Modules.Pipeline.Board;

/// <summary>What the board shows: whose deals, matching what.</summary>
internal sealed record BoardFilter(long TenantId, long? OwnerId, string? Search);

/// <summary>Where a column page starts: after the card at (sortOrder, id).</summary>
internal sealed record ColumnCursor(int SortOrder, long Id)
{
    public string Encode() => Convert.ToBase64String(Encoding.ASCII.GetBytes($"{SortOrder}:{Id}"));

    public static ColumnCursor? Decode(string? cursor)
    {
        if (string.IsNullOrEmpty(cursor))
            return null;
        try
        {
            var parts = Encoding.ASCII.GetString(Convert.FromBase64String(cursor)).Split(':');
            return parts.Length == 2
                && int.TryParse(parts[0], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var sortOrder)
                && long.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var id)
                ? new ColumnCursor(sortOrder, id)
                : null;
        }
        catch (FormatException)
        {
            return null;
        }
    }
}

internal sealed record ColumnTotal(long StageId, int Count, decimal Value);

/// <summary>
/// The board's SQL, written by hand because it pays: every column's first cards (one LATERAL per stage over
/// deals_kanban_order_index) and every column's count and total, sent as one batch — two statements and one round
/// trip whatever the number of stages. The totals come from pipeline.stage_totals, kept by triggers on every write to
/// deals (ADR 0019), so the board's cost does not grow with the company's deal count; a search-filtered board sums
/// its matches instead. Each batch starts by binding its implicit
/// transaction to the tenant, so row-level security holds here too (ADR 0018); a search's batch is planned for its text
/// each time (ADR 0033).
/// </summary>
internal sealed class BoardQuery(NpgsqlDataSource dataSource)
{
    private const string CardColumns =
        "d.id, d.title, d.value, d.lead_id, l.name, d.user_id, m.name, d.pipeline_stage_id, d.sort_order, d.updated_at, d.stage_entered_at, d.loss_reason, " + NextColumns + ", " + AwaitingReply;

    /// <summary>
    /// The card's next activity (issue 16): the deal's earliest open one, kept by triggers on the activities in
    /// pipeline.next_activities (ADR 0032) and read with one primary-key probe.
    /// </summary>
    private const string NextColumns = "na.activity_id AS next_id, na.activity_type_id AS next_type_id, na.due_date AS next_due_date, na.due_time AS next_due_time";

    /// <summary>
    /// When the deal's lead wrote last on WhatsApp with nobody answering since (issue 18): one probe by primary key in
    /// pipeline.awaiting_replies, the few leads waiting, kept by triggers from the conversations' times (ADR 0028).
    /// </summary>
    private const string AwaitingReply =
        "(SELECT a.since FROM pipeline.awaiting_replies a WHERE a.tenant_id = d.tenant_id AND a.lead_id = d.lead_id) AS awaiting_since";

    private const string NextActivity = "LEFT JOIN pipeline.next_activities na ON na.tenant_id = d.tenant_id AND na.deal_id = d.id";

    public async Task<(List<CardRow> Cards, List<ColumnTotal> Totals)> BoardAsync(BoardFilter filter, int perColumn, CancellationToken ct)
    {
        await using var batch = dataSource.CreateBatch();
        var cards = new NpgsqlBatchCommand(
            $"""
             SELECT c.* FROM pipeline.pipeline_stages s
             CROSS JOIN LATERAL (
               {ColumnCards(filter, "d.tenant_id = $1 AND d.pipeline_stage_id = s.id", 3)}
             ) c
             ORDER BY s.sort_order, c.sort_order, c.id
             """);
        AddParameters(cards, filter, perColumn + 1);
        var totals = new NpgsqlBatchCommand(filter.Search is null
            ? $"""
               SELECT t.pipeline_stage_id, sum(t.deal_count)::int, sum(t.value_sum)
               FROM pipeline.stage_totals t
               WHERE t.tenant_id = $1{(filter.OwnerId is null ? "" : " AND t.user_id = $2")}
               GROUP BY t.pipeline_stage_id
               """
            : $"""
               SELECT d.pipeline_stage_id, count(*)::int, coalesce(sum(d.value), 0)
               FROM pipeline.deals d JOIN pipeline.leads l ON l.id = d.lead_id
               WHERE d.tenant_id = $1{Conditions(filter, 2)}
               GROUP BY d.pipeline_stage_id
               """);
        AddParameters(totals, filter, limit: null);
        batch.BatchCommands.Add(RowLevelSecurity.BindTenant(filter.TenantId, planningEach: filter.Search is not null));
        batch.BatchCommands.Add(cards);
        batch.BatchCommands.Add(totals);

        await using var reader = await batch.ExecuteReaderAsync(ct);
        var rows = new List<CardRow>();
        while (await reader.ReadAsync(ct))
            rows.Add(ReadCard(reader));
        await reader.NextResultAsync(ct);
        var sums = new List<ColumnTotal>();
        while (await reader.ReadAsync(ct))
            sums.Add(new ColumnTotal(reader.GetInt64(0), reader.GetInt32(1), reader.GetDecimal(2)));
        return (rows, sums);
    }

    /// <summary>The next page of one column after <paramref name="after"/>, keyset-paged on (sort_order, id).</summary>
    public async Task<List<CardRow>> ColumnAsync(BoardFilter filter, long stageId, ColumnCursor? after, int limit, CancellationToken ct)
    {
        var command = new NpgsqlBatchCommand(
            $"""
             SELECT c.* FROM (
               {ColumnCards(filter, "d.tenant_id = $1 AND d.pipeline_stage_id = $3 AND (d.sort_order, d.id) > ($4, $5)", 6)}
             ) c
             ORDER BY c.sort_order, c.id
             """);
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = filter.TenantId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = limit + 1 });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = stageId });
        command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = after?.SortOrder ?? int.MinValue });
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = after?.Id ?? long.MinValue });
        AddFilterParameters(command.Parameters, filter);
        await using var batch = dataSource.CreateBatch();
        batch.BatchCommands.Add(RowLevelSecurity.BindTenant(filter.TenantId, planningEach: filter.Search is not null));
        batch.BatchCommands.Add(command);
        var rows = new List<CardRow>();
        await using var reader = await batch.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
            rows.Add(ReadCard(reader));
        return rows;
    }

    /// <summary>One card as the board shows it, if it is in the tenant (a move's answer, read in the move's batch).</summary>
    public static NpgsqlBatchCommand Card(long tenantId, long dealId) =>
        new(ColumnCards(new BoardFilter(tenantId, null, null), "d.tenant_id = $1 AND d.id = $3", 4))
        {
            Parameters =
            {
                new NpgsqlParameter<long> { TypedValue = tenantId },
                new NpgsqlParameter<int> { TypedValue = 1 },
                new NpgsqlParameter<long> { TypedValue = dealId },
            },
        };

    /// <summary>
    /// The first $2 cards of one column in board order, from the deals that meet <paramref name="where"/> and the
    /// filter. Without a search the query reads deals alone (deals_kanban_order_index, stopping at the limit) and looks
    /// each card's lead and owner name up by primary key, after the limit, and its next activity in pipeline.next_activities: row-level security adds a tenant condition
    /// to leads and members which the planner takes for independent of the deals', and with them joined it estimated a
    /// column at one row and sorted all of it (ADR 0018, docs/performance.md). A search names the lead's fields, so it
    /// joins.
    /// </summary>
    private static string ColumnCards(BoardFilter filter, string where, int next) =>
        filter.Search is null
            ? $"""
               SELECT d.id, d.title, d.value, d.lead_id, (SELECT l.name FROM pipeline.leads l WHERE l.id = d.lead_id),
                      d.user_id, (SELECT m.name FROM pipeline.members m WHERE m.user_id = d.user_id),
                      d.pipeline_stage_id, d.sort_order, d.updated_at, d.stage_entered_at, d.loss_reason, {NextColumns},
                      {AwaitingReply}
               FROM pipeline.deals d
               {NextActivity}
               WHERE {where}{Conditions(filter, next)}
               ORDER BY d.sort_order, d.id
               LIMIT $2
               """
            : $"""
               SELECT {CardColumns}
               FROM pipeline.deals d
               JOIN pipeline.leads l ON l.id = d.lead_id
               JOIN pipeline.members m ON m.user_id = d.user_id
               {NextActivity}
               WHERE {where}{Conditions(filter, next)}
               ORDER BY d.sort_order, d.id
               LIMIT $2
               """;

    /// <summary>Owner and search conditions, numbered from <paramref name="next"/>; only what the filter uses, so plans stay simple.</summary>
    private static string Conditions(BoardFilter filter, int next)
    {
        var sql = new StringBuilder();
        if (filter.OwnerId is not null)
            sql.Append(CultureInfo.InvariantCulture, $" AND d.user_id = ${next++}");
        if (filter.Search is not null)
            // Accents ignored both ways, on the expressions the trigram indexes are built on (migration AccentInsensitiveSearch).
            sql.Append(CultureInfo.InvariantCulture,
                $" AND ({Unaccented.Function}(d.title) ILIKE {Unaccented.Function}(${next}) OR {Unaccented.Function}(l.name) ILIKE {Unaccented.Function}(${next}) OR {Unaccented.Function}(l.email) ILIKE {Unaccented.Function}(${next}))");
        return sql.ToString();
    }

    private static void AddParameters(NpgsqlBatchCommand command, BoardFilter filter, int? limit)
    {
        command.Parameters.Add(new NpgsqlParameter<long> { TypedValue = filter.TenantId });
        if (limit is { } l)
            command.Parameters.Add(new NpgsqlParameter<int> { TypedValue = l });
        AddFilterParameters(command.Parameters, filter);
    }

    private static void AddFilterParameters(NpgsqlParameterCollection parameters, BoardFilter filter)
    {
        if (filter.OwnerId is { } owner)
            parameters.Add(new NpgsqlParameter<long> { TypedValue = owner });
        if (filter.Search is { } search)
            parameters.Add(new NpgsqlParameter<string> { TypedValue = search });
    }

    public static CardRow ReadCard(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetDecimal(2), r.GetInt64(3), r.GetString(4), r.GetInt64(5), r.GetString(6), r.GetInt64(7),
        r.GetInt32(8), r.IsDBNull(9) ? null : r.GetFieldValue<DateTimeOffset>(9), r.GetFieldValue<DateTimeOffset>(10),
        r.IsDBNull(11) ? null : r.GetString(11),
        r.IsDBNull(12) ? null : new NextActivityRow(r.GetInt64(12), r.GetInt64(13), r.GetFieldValue<DateOnly>(14), r.IsDBNull(15) ? null : r.GetFieldValue<TimeOnly>(15)),
        r.IsDBNull(16) ? null : r.GetFieldValue<DateTimeOffset>(16));
}
