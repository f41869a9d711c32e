namespace WorkshopCrm.Contracts.Pipeline;

/// <summary>Stage ids as seeded in pipeline.pipeline_stages.</summary>
public static class StageIds
{
    /// <summary>New Lead: where deals start.</summary>
    public const long NewLead = 1;

    /// <summary>Won (terminal).</summary>
    public const long Won = 6;

    /// <summary>Lost (terminal; needs a loss reason).</summary>
    public const long Lost = 7;
}
