using FastEndpoints;
using FluentValidation;
using MassTransit.Mediator;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.WhatsApp.Chats;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Modules.WhatsApp.Gateway;
using WorkshopCrm.Modules.WhatsApp.Templates;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.WhatsApp.Leads;

internal sealed record SendToLeadRequest(long Id, string? Text, long? TemplateId);

internal sealed class SendToLeadValidator : Validator<SendToLeadRequest>
{
    public SendToLeadValidator()
    {
        RuleFor(r => r.Text).NotEmpty().When(r => r.TemplateId is null).WithMessage("Required.");
        RuleFor(r => r.Text).Must(t => t is null || !t.Any(c => char.IsControl(c) && c is not '\n' and not '\r' and not '\t'))
            .WithMessage("Must not contain control characters.")
            .MaximumLength(TemplateText.MaxBody).WithMessage($"At most {TemplateText.MaxBody} characters.");
    }
}

/// <summary>
/// Writes to a lead on WhatsApp: a text, or a saved reply with {{nome}} (the lead), {{empresa}} (the company) and
/// {{vendedor}} (who sends) filled in. 202 with the gateway's message id; the deal's timeline and "awaiting reply"
/// follow through <see cref="WhatsAppMessageSeen"/>.
/// </summary>
internal sealed class SendToLead(WhatsAppDb db, EvolutionClient gateway, IMediator mediator, ICurrentUser caller, TimeProvider clock)
    : Endpoint<SendToLeadRequest, Results<Accepted<SentView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/leads/{id}/whatsapp");
        Summary(s => s.Summary = "Send a WhatsApp text or saved reply to a lead");
    }

    public override async Task<Results<Accepted<SentView>, ProblemHttpResult>> ExecuteAsync(SendToLeadRequest req, CancellationToken ct)
    {
        var lead = await LeadConversation.ContactAsync(mediator, caller, req.Id, ct);
        if (!lead.Visible)
            return LeadConversation.LeadNotFound;
        if (lead.Phone is null)
            return LeadConversation.NoPhone;

        var text = req.Text?.Trim() ?? "";
        if (req.TemplateId is { } templateId)
        {
            var template = await db.Templates.AsNoTracking().SingleOrDefaultAsync(t => t.Id == templateId, ct);
            if (template is null)
                return Problems.Field("templateId", "No such saved reply.", "whatsapp.template_not_found", StatusCodes.Status404NotFound);
            var company = (await mediator.CreateRequestClient<CompanyNameRequest>().GetResponse<CompanyNameAnswer>(
                new CompanyNameRequest(caller.TenantId), ct)).Message.Name ?? "";
            text = TemplateText.Fill(template.Body, lead.Name ?? "", company, caller.Name);
        }

        if (await ConnectedInstance.NameAsync(db, ct) is not { } instance)
            return ConnectedInstance.NotConnected;
        try
        {
            var id = await gateway.SendTextAsync(instance, lead.Phone, text, ct);
            db.Publish(new WhatsAppMessageSeen(caller.TenantId, lead.Phone, FromMe: true, clock.GetUtcNow(), id, clock.GetUtcNow()));
            await db.SaveChangesAsync(ct);
            return TypedResults.Accepted((string?)null, new SentView(id));
        }
        catch (EvolutionRejected rejected) when (rejected.Status == System.Net.HttpStatusCode.BadRequest)
        {
            return Problems.Field("text", rejected.GatewayMessage, "whatsapp.send_refused");
        }
    }
}
