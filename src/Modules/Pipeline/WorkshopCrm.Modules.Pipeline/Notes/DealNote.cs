using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Notes;

/// <summary>A note on a deal; shown newest first with its author.</summary>
internal sealed class DealNote : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long DealId { get; set; }

    /// <summary>The author (user id).</summary>
    public long UserId { get; set; }

    public required string Body { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}
