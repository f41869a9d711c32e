using FastEndpoints;
using FluentValidation;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

internal sealed record MessageView(string Id, bool FromMe, string? Text, DateTimeOffset Timestamp, string? Status);

internal sealed record MessagesRequest : IPaged
{
    public string RemoteJid { get; init; } = "";
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class MessagesRequestValidator : Validator<MessagesRequest>
{
    public MessagesRequestValidator()
    {
        this.ValidPaging();
        RuleFor(r => r.RemoteJid).RequiredLine(255);
    }
}

/// <summary>A chat's messages, newest first, from the gateway.</summary>
internal sealed class ListMessages(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller) : Endpoint<MessagesRequest, Results<Ok<GatewayPage<MessageView>>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/chats/{remoteJid}/messages");
        Summary(s => s.Summary = "Messages of a chat, newest first");
    }

    public override async Task<Results<Ok<GatewayPage<MessageView>>, ProblemHttpResult>> ExecuteAsync(MessagesRequest req, CancellationToken ct)
    {
        if (await ConnectedInstance.NameAsync(db, ct) is not { } instance)
            return ConnectedInstance.NotConnected;

        if (!caller.IsBusinessOwner)
        {
            var phone = EvolutionClient.PhoneOf(req.RemoteJid) ?? (await gateway.FindChatsAsync(instance, 0, 500, ct))
                .Where(c => c.RemoteJid == req.RemoteJid).Select(c => EvolutionClient.PhoneOf(c.RemoteJidAlt)).FirstOrDefault();
            if (phone is null || !(await LeadPhones.VisibleAsync(mediator, caller, ct)).Contains(phone))
                return Problems.NotFound("whatsapp.chat_not_found", "No such chat among your leads.");
        }

        var messages = await gateway.FindMessagesAsync(instance, req.RemoteJid, req.Page, req.PageSize + 1, ct);
        var items = messages.Take(req.PageSize).Select(m => new MessageView(m.Id, m.FromMe, m.Text, m.Timestamp, m.Status)).ToList();
        return TypedResults.Ok(new GatewayPage<MessageView>(items, req.Page, req.PageSize, messages.Count > req.PageSize));
    }
}
