using FastEndpoints;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Modules.WhatsApp.Chats;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Leads;

internal sealed record LeadMessagesRequest : IPaged
{
    public long Id { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class LeadMessagesValidator : Validator<LeadMessagesRequest>
{
    public LeadMessagesValidator() => this.ValidPaging();
}

/// <summary>
/// The conversation with a lead (the deal panel's and the lead's), newest first, fetched from the gateway on demand:
/// the chat of the lead's phone (several deals of one lead share it). A lead the caller cannot see: 404; without a
/// phone: 409 saying so; WhatsApp not connected: 409; the gateway away: 503, as every WhatsApp route.
/// </summary>
internal sealed class GetLeadMessages(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller)
    : Endpoint<LeadMessagesRequest, Results<Ok<GatewayPage<MessageView>>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/leads/{id}/whatsapp");
        Summary(s => s.Summary = "The WhatsApp conversation with a lead, newest first");
    }

    public override async Task<Results<Ok<GatewayPage<MessageView>>, ProblemHttpResult>> ExecuteAsync(LeadMessagesRequest req, CancellationToken ct)
    {
        var lead = await LeadConversation.ContactAsync(mediator, caller, req.Id, ct);
        if (!lead.Visible)
            return LeadConversation.LeadNotFound;
        if (lead.Phone is null)
            return LeadConversation.NoPhone;
        if (await ConnectedInstance.NameAsync(db, ct) is not { } instance)
            return ConnectedInstance.NotConnected;

        var messages = await gateway.FindMessagesAsync(instance, LeadConversation.JidOf(lead.Phone), req.Page, req.PageSize + 1, ct);
        var items = messages.Take(req.PageSize).Select(m => new MessageView(m.Id, m.FromMe, m.Text, m.Timestamp, m.Status)).ToList();
        return TypedResults.Ok(new GatewayPage<MessageView>(items, req.Page, req.PageSize, messages.Count > req.PageSize));
    }
}
