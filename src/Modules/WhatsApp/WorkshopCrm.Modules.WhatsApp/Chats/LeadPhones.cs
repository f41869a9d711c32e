using MassTransit.Mediator;
using Npgsql;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

/// <summary>Which phones a caller may talk to: a Business Owner any; a Salesperson its leads' (asked of Pipeline).</summary>
internal static class LeadPhones
{
    public static async Task<IReadOnlyList<string>> VisibleAsync(IMediator mediator, ICurrentUser caller, CancellationToken ct) =>
        (await mediator.CreateRequestClient<VisibleLeadPhonesRequest>().GetResponse<VisibleLeadPhonesAnswer>(
            new VisibleLeadPhonesRequest(caller.TenantId, caller.UserId, caller.IsBusinessOwner), ct)).Message.Phones;
}
