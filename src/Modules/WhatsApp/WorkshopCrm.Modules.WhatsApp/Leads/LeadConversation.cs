using MassTransit.Mediator;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Leads;

/// <summary>A lead as its conversation needs it: asked of Pipeline, which applies who may see it.</summary>
internal static class LeadConversation
{
    public static async Task<LeadContactAnswer> ContactAsync(IMediator mediator, ICurrentUser caller, long leadId, CancellationToken ct) =>
        (await mediator.CreateRequestClient<LeadContactRequest>().GetResponse<LeadContactAnswer>(
            new LeadContactRequest(caller.TenantId, caller.UserId, caller.IsBusinessOwner, leadId), ct)).Message;

    public static ProblemHttpResult LeadNotFound => Problems.NotFound("lead.not_found", "No such lead.");

    public static ProblemHttpResult NoPhone =>
        Problems.Of(Microsoft.AspNetCore.Http.StatusCodes.Status409Conflict, "whatsapp.lead_without_phone", "This lead has no phone number; add one to talk on WhatsApp.");

    /// <summary>The chat of a phone: WhatsApp's id for it.</summary>
    public static string JidOf(string phone) => phone + "@s.whatsapp.net";
}
