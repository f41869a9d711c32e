using FastEndpoints;
using FluentValidation;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

/// <summary>The CRM's lead of a chat's phone, with its open deals the caller can see (issue 18).</summary>
internal sealed record ChatLead(long Id, string Name, IReadOnlyList<Contracts.Pipeline.PhoneLeadDeal> OpenDeals);

/// <summary>A chat; <c>name</c> is the contact's WhatsApp profile name, <c>lead</c> the CRM's lead with that phone, if any.</summary>
internal sealed record ChatView(string RemoteJid, string? Phone, string? Name, DateTimeOffset? LastMessageAt, int UnreadCount, ChatLead? Lead = null);

internal sealed record PageRequest : IPaged
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 20;
}

internal sealed class PageRequestValidator : Validator<PageRequest>
{
    public PageRequestValidator() => this.ValidPaging();
}

/// <summary>
/// Chats fetched from the gateway on demand (never stored, seed note 8), newest first; <c>@lid</c> chats show the
/// phone from <c>remoteJidAlt</c>. A Salesperson sees only chats with its leads' phones. Each chat names its lead and
/// open deals, when its phone is a lead's.
/// </summary>
internal sealed class ListChats(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller) : Endpoint<PageRequest, Results<Ok<GatewayPage<ChatView>>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/chats");
        Summary(s => s.Summary = "WhatsApp chats, fetched from the gateway");
    }

    public override async Task<Results<Ok<GatewayPage<ChatView>>, ProblemHttpResult>> ExecuteAsync(PageRequest req, CancellationToken ct)
    {
        if (await ConnectedInstance.NameAsync(db, ct) is not { } instance)
            return ConnectedInstance.NotConnected;

        var phones = caller.IsBusinessOwner ? null : (await LeadPhones.VisibleAsync(mediator, caller, ct)).ToHashSet();
        var chats = await gateway.FindChatsAsync(instance, req.Skip(), req.PageSize + 1, ct);
        var items = chats.Take(req.PageSize)
            .Select(c => new ChatView(c.RemoteJid, EvolutionClient.PhoneOf(c.RemoteJid) ?? EvolutionClient.PhoneOf(c.RemoteJidAlt), c.Name, c.LastMessageAt, c.UnreadCount))
            .Where(c => phones is null || (c.Phone is not null && phones.Contains(c.Phone)))
            .ToList();
        // Chats know the CRM: each phone's lead by name, with its open deals (one question for the page).
        var leads = (await mediator.CreateRequestClient<Contracts.Pipeline.LeadsByPhonesRequest>().GetResponse<Contracts.Pipeline.LeadsByPhonesAnswer>(
                new Contracts.Pipeline.LeadsByPhonesRequest(caller.TenantId, caller.UserId, caller.IsBusinessOwner,
                    items.Select(c => c.Phone).OfType<string>().ToList()), ct)).Message.Leads
            .ToDictionary(l => l.Phone);
        items = items.ConvertAll(c => c.Phone is { } p && leads.TryGetValue(p, out var lead) ? c with { Lead = new ChatLead(lead.LeadId, lead.Name, lead.OpenDeals) } : c);
        return TypedResults.Ok(new GatewayPage<ChatView>(items, req.Page, req.PageSize, chats.Count > req.PageSize));
    }
}
