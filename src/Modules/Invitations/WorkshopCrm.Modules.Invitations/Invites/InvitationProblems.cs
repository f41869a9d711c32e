using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>The answers the invitation routes give alike.</summary>
internal static class InvitationProblems
{
    /// <summary>No such invitation in the caller's company (another company's is the same 404).</summary>
    public static ProblemHttpResult NotFound => Problems.NotFound("invitation.not_found", "No such invitation.");
}
