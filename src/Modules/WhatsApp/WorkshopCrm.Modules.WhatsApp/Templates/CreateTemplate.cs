using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Modules.WhatsApp.Data;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Templates;

internal sealed record TemplateRequest(string Name, string Body);

internal sealed class TemplateRequestValidator : Validator<TemplateRequest>
{
    public TemplateRequestValidator() => TemplateText.Rules(this, r => r.Name, r => r.Body);
}

/// <summary>A new saved reply (Business Owner).</summary>
internal sealed class CreateTemplate(WhatsAppDb db) : Endpoint<TemplateRequest, Created<TemplateView>>
{
    public override void Configure()
    {
        Post("/api/whatsapp/templates");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Create a saved reply");
    }

    public override async Task<Created<TemplateView>> ExecuteAsync(TemplateRequest req, CancellationToken ct)
    {
        var template = new WhatsAppTemplate { Name = req.Name.Trim(), Body = req.Body.Trim() };
        db.Templates.Add(template);
        await db.SaveChangesAsync(ct);
        return TypedResults.Created((string?)null, new TemplateView(template.Id, template.Name, template.Body));
    }
}
