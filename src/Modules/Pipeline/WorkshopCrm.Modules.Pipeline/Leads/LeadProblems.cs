using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>The answers every lead route gives alike.</summary>
internal static class LeadProblems
{
    public static ProblemHttpResult EmailTaken =>
        Problems.Field("email", "Another lead already has this e-mail.", "lead.email_taken", StatusCodes.Status409Conflict);

    /// <summary>No such lead — or one the caller may not see, which must look exactly the same.</summary>
    public static ProblemHttpResult NotFound => Problems.NotFound("lead.not_found", "No such lead.");

    public static ProblemHttpResult OwnerInvalid =>
        Problems.Field("ownerId", "The owner must be an active user of your company.", "lead.owner_invalid");
}
