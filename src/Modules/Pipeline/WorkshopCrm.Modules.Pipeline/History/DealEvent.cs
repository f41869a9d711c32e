using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.History;

/// <summary>
/// One entry of a deal's history (pipeline.deal_events, ADR 0021): what changed, from what to what, who did it and
/// when, written in the same transaction as the change. Only the columns of its kind are set.
/// </summary>
internal sealed class DealEvent : ITenantScoped
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long DealId { get; set; }
    public long DealEventKindId { get; set; }

    /// <summary>Who did it; null when the system did (a hand-over on deactivation, an import).</summary>
    public long? UserId { get; set; }

    public DateTimeOffset At { get; set; }

    /// <summary>
    /// A <c>created</c> entry written for a deal that existed before history did (at its stage-entered time): the start
    /// of what is known, not its creation.
    /// </summary>
    public bool StartOfHistory { get; set; }

    public long? FromStageId { get; set; }
    public long? ToStageId { get; set; }
    public string? LossReason { get; set; }
    public long? FromUserId { get; set; }
    public long? ToUserId { get; set; }
    public decimal? FromValue { get; set; }
    public decimal? ToValue { get; set; }
    public string? FromTitle { get; set; }
    public string? ToTitle { get; set; }
    public long? NoteId { get; set; }
    public long? ActivityId { get; set; }
    public string? Subject { get; set; }

    public Deal? Deal { get; set; }
    public Notes.DealNote? Note { get; set; }
}
