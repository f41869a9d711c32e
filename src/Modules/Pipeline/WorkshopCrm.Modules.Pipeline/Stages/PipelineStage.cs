using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Stages;

/// <summary>pipeline.pipeline_stages: the fixed Kanban columns, seeded.</summary>
internal sealed class PipelineStage : IHasTimestamps
{
    public const long Lost = StageIds.Lost;
    public const long Won = StageIds.Won;
    public const long NewLead = StageIds.NewLead;

    public long Id { get; set; }
    public required string Name { get; set; }
    public int SortOrder { get; set; }
    public bool IsTerminal { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static readonly PipelineStage[] Seeded =
    [
        new() { Id = 1, Name = "New Lead", SortOrder = 1 },
        new() { Id = 2, Name = "Contacted", SortOrder = 2 },
        new() { Id = 3, Name = "Qualified", SortOrder = 3 },
        new() { Id = 4, Name = "Proposal Sent", SortOrder = 4 },
        new() { Id = 5, Name = "Negotiation", SortOrder = 5 },
        new() { Id = 6, Name = "Won", SortOrder = 6, IsTerminal = true },
        new() { Id = 7, Name = "Lost", SortOrder = 7, IsTerminal = true },
    ];

    public static bool Exists(long stageId) => stageId is >= 1 and <= 7;
}
