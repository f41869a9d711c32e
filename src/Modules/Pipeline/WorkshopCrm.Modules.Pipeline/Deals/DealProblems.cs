using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>The answers every deal route gives alike.</summary>
internal static class DealProblems
{
    /// <summary>No such deal — or one the caller may not see, which must look exactly the same.</summary>
    public static ProblemHttpResult NotFound => Problems.NotFound("deal.not_found", "No such deal.");

    public static ProblemHttpResult OwnerInvalid =>
        Problems.Field("ownerId", "The owner must be an active user of your company.", "deal.owner_invalid");
}
