using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>The answers every activity route gives alike.</summary>
internal static class ActivityProblems
{
    /// <summary>No such activity — or one the caller may not see, which must look exactly the same.</summary>
    public static ProblemHttpResult NotFound => Problems.NotFound("activity.not_found", "No such activity.");

    public static ProblemHttpResult OwnerInvalid =>
        Problems.Field("ownerId", "The owner must be an active user of your company.", "activity.owner_invalid");

    public static ProblemHttpResult OwnerForbidden => Problems.Forbidden("activity.owner_forbidden", "Only a Business Owner chooses another owner.");

    public static ProblemHttpResult DealNotFound =>
        Problems.Field("dealId", "No such deal.", "deal.not_found", StatusCodes.Status404NotFound);

    public static ProblemHttpResult LeadNotFound =>
        Problems.Field("leadId", "No such lead.", "lead.not_found", StatusCodes.Status404NotFound);

    public static ProblemHttpResult DealOfAnotherLead =>
        Problems.Field("dealId", "This deal belongs to another lead.", "activity.deal_of_another_lead");
}
