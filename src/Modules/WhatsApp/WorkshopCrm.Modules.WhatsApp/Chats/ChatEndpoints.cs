using FastEndpoints;
using FluentValidation;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Modules.WhatsApp.Live;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

internal sealed record ChatView(string RemoteJid, string? Phone, string? Name, DateTimeOffset? LastMessageAt, int UnreadCount);

internal sealed record MessageView(string Id, bool FromMe, string? Text, DateTimeOffset Timestamp, string? Status);

/// <summary>A page of a list fetched from the gateway, which does not count: <c>hasMore</c> says whether another page exists.</summary>
internal sealed record GatewayPage<T>(IReadOnlyList<T> Items, int Page, int PageSize, bool HasMore);

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
/// phone from <c>remoteJidAlt</c>. A Salesperson sees only chats with its leads' phones.
/// </summary>
internal sealed class ListChats(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller) : Endpoint<PageRequest, GatewayPage<ChatView>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/chats");
        Summary(s => s.Summary = "WhatsApp chats, fetched from the gateway");
    }

    public override async Task HandleAsync(PageRequest req, CancellationToken ct)
    {
        if (await Chat.InstanceAsync(db, ct) is not { } instance)
        {
            await Send.ResultAsync(Chat.NotConnected);
            return;
        }

        var phones = caller.IsBusinessOwner ? null : (await LeadPhones.VisibleAsync(mediator, caller, ct)).ToHashSet();
        var chats = await gateway.FindChatsAsync(instance, req.Skip(), req.PageSize + 1, ct);
        var items = chats.Take(req.PageSize)
            .Select(c => new ChatView(c.RemoteJid, EvolutionClient.PhoneOf(c.RemoteJid) ?? EvolutionClient.PhoneOf(c.RemoteJidAlt), c.Name, c.LastMessageAt, c.UnreadCount))
            .Where(c => phones is null || (c.Phone is not null && phones.Contains(c.Phone)))
            .ToList();
        await Send.OkAsync(new GatewayPage<ChatView>(items, req.Page, req.PageSize, chats.Count > req.PageSize), ct);
    }
}

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
internal sealed class ListMessages(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller) : Endpoint<MessagesRequest, GatewayPage<MessageView>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/chats/{remoteJid}/messages");
        Summary(s => s.Summary = "Messages of a chat, newest first");
    }

    public override async Task HandleAsync(MessagesRequest req, CancellationToken ct)
    {
        if (await Chat.InstanceAsync(db, ct) is not { } instance)
        {
            await Send.ResultAsync(Chat.NotConnected);
            return;
        }

        if (!caller.IsBusinessOwner)
        {
            var phone = EvolutionClient.PhoneOf(req.RemoteJid) ?? (await gateway.FindChatsAsync(instance, 0, 500, ct))
                .Where(c => c.RemoteJid == req.RemoteJid).Select(c => EvolutionClient.PhoneOf(c.RemoteJidAlt)).FirstOrDefault();
            if (phone is null || !(await LeadPhones.VisibleAsync(mediator, caller, ct)).Contains(phone))
            {
                await Send.ResultAsync(Problems.NotFound("whatsapp.chat_not_found", "No such chat among your leads."));
                return;
            }
        }

        var messages = await gateway.FindMessagesAsync(instance, req.RemoteJid, req.Page, req.PageSize + 1, ct);
        var items = messages.Take(req.PageSize).Select(m => new MessageView(m.Id, m.FromMe, m.Text, m.Timestamp, m.Status)).ToList();
        await Send.OkAsync(new GatewayPage<MessageView>(items, req.Page, req.PageSize, messages.Count > req.PageSize), ct);
    }
}

internal sealed record SendMessageRequest(string Phone, string Text);

internal sealed class SendMessageValidator : Validator<SendMessageRequest>
{
    public SendMessageValidator()
    {
        RuleFor(r => r.Phone).NotEmpty().WithMessage("Required.")
            .Must(p => p is null || PhoneNumbers.ToDigits(p) is not null).WithMessage("Not a phone number (digits with area code, e.g. +55 11 98765-4321).");
        RuleFor(r => r.Text).RequiredText(4096);
    }
}

internal sealed record SentView(string Id);

/// <summary>Sends a text (Brazilian numbers accepted in the usual forms); a Salesperson only to its leads' phones.</summary>
internal sealed class SendMessage(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller) : Endpoint<SendMessageRequest, SentView>
{
    public override void Configure()
    {
        Post("/api/whatsapp/messages");
        Summary(s => s.Summary = "Send a WhatsApp text");
    }

    public override async Task HandleAsync(SendMessageRequest req, CancellationToken ct)
    {
        if (await Chat.InstanceAsync(db, ct) is not { } instance)
        {
            await Send.ResultAsync(Chat.NotConnected);
            return;
        }

        var number = PhoneNumbers.ToDigits(req.Phone)!;
        if (!caller.IsBusinessOwner && !(await LeadPhones.VisibleAsync(mediator, caller, ct)).Contains(number))
        {
            await Send.ResultAsync(Problems.Field("phone", "You can message only the phones of your leads.", "whatsapp.phone_not_yours", StatusCodes.Status403Forbidden));
            return;
        }

        try
        {
            var id = await gateway.SendTextAsync(instance, number, req.Text, ct);
            await Send.ResponseAsync(new SentView(id), StatusCodes.Status202Accepted, ct);
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.BadRequest)
        {
            await Send.ResultAsync(Problems.Field("phone", rejected.GatewayMessage, "whatsapp.send_refused"));
        }
    }
}

internal static class Chat
{
    public static Task<string?> InstanceAsync(WhatsAppDb db, CancellationToken ct) =>
        db.Connections.AsNoTracking().Where(c => c.WhatsappConnectionStatusId == Connections.ConnectionStatus.Connected)
            .Select(c => c.InstanceName).SingleOrDefaultAsync(ct);

    public static readonly IResult NotConnected = Problems.Conflict("whatsapp.not_connected", "WhatsApp is not connected; a Business Owner connects it.");
}
