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
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.WhatsApp.Chats;

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
internal sealed class SendMessage(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller, TimeProvider clock) : Endpoint<SendMessageRequest, Results<Accepted<SentView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/whatsapp/messages");
        Summary(s => s.Summary = "Send a WhatsApp text");
    }

    public override async Task<Results<Accepted<SentView>, ProblemHttpResult>> ExecuteAsync(SendMessageRequest req, CancellationToken ct)
    {
        if (await ConnectedInstance.NameAsync(db, ct) is not { } instance)
            return ConnectedInstance.NotConnected;

        var number = PhoneNumbers.ToDigits(req.Phone)!;
        if (!caller.IsBusinessOwner && !(await LeadPhones.VisibleAsync(mediator, caller, ct)).Contains(number))
            return Problems.Field("phone", "You can message only the phones of your leads.", "whatsapp.phone_not_yours", StatusCodes.Status403Forbidden);

        try
        {
            var id = await gateway.SendTextAsync(instance, number, req.Text, ct);
            // Sends through the API come back as no webhook (send.message is not subscribed): the time is told here.
            db.Publish(new Contracts.WhatsApp.WhatsAppMessageSeen(caller.TenantId, number, FromMe: true, clock.GetUtcNow(), id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return TypedResults.Accepted((string?)null, new SentView(id));
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.BadRequest)
        {
            return Problems.Field("phone", rejected.GatewayMessage, "whatsapp.send_refused");
        }
    }
}
