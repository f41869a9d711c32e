using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>A sales opportunity: a card on the Kanban board.</summary>
internal sealed class Deal : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long LeadId { get; set; }

    /// <summary>The deal's owner (user id); independent of the lead's owner (seed note 4).</summary>
    public long UserId { get; set; }

    public long PipelineStageId { get; set; }
    public required string Title { get; set; }
    public decimal Value { get; set; }
    public string? LossReason { get; set; }

    /// <summary>Position within the (tenant, stage) column, with gaps (see ColumnOrdering).</summary>
    public int SortOrder { get; set; }

    /// <summary>When the deal entered its current stage (days in stage; docs/adr/0011).</summary>
    public DateTimeOffset StageEnteredAt { get; set; }

    /// <summary>
    /// The furthest stage before Won the deal was ever in, Won included, Lost never (ADR 0021): the funnel's "reached",
    /// kept by every save (DealHistory) so the report reads one row a deal instead of its history. Null: only ever Lost.
    /// </summary>
    public long? FurthestStageId { get; set; }

    /// <summary>PostgreSQL's xmin: the optimistic-concurrency version the API calls <c>version</c>.</summary>
    public uint Version { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public Lead? Lead { get; set; }
}
