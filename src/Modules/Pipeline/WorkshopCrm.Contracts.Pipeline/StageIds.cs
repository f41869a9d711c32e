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

/// <summary>A deal was created.</summary>
/// <param name="TenantId">The deal's tenant.</param>
/// <param name="DealId">The deal.</param>
/// <param name="OwnerId">Its owner (user id).</param>
/// <param name="StageId">Its stage.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record DealCreated(long TenantId, long DealId, long OwnerId, long StageId, DateTimeOffset OccurredAt);

/// <summary>A deal's title, value or owner changed.</summary>
/// <param name="TenantId">The deal's tenant.</param>
/// <param name="DealId">The deal.</param>
/// <param name="OwnerId">Its owner now.</param>
/// <param name="PreviousOwnerId">Its owner before, when the owner changed.</param>
/// <param name="StageId">Its stage.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record DealUpdated(long TenantId, long DealId, long OwnerId, long? PreviousOwnerId, long StageId, DateTimeOffset OccurredAt);

/// <summary>A deal moved on the board (to another stage, or within its column).</summary>
/// <param name="TenantId">The deal's tenant.</param>
/// <param name="DealId">The deal.</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="FromStageId">The stage it left (the same as ToStageId for a reorder).</param>
/// <param name="ToStageId">The stage it is in now.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record DealMoved(long TenantId, long DealId, long OwnerId, long FromStageId, long ToStageId, DateTimeOffset OccurredAt);

/// <summary>A deal was deleted (on its own, or with its lead).</summary>
/// <param name="TenantId">The deal's tenant.</param>
/// <param name="DealId">The deal.</param>
/// <param name="OwnerId">Its owner.</param>
/// <param name="StageId">The stage it was in.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record DealDeleted(long TenantId, long DealId, long OwnerId, long StageId, DateTimeOffset OccurredAt);
