using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Templates;

internal sealed record UpdateTemplateRequest(long Id, string Name, string Body);

internal sealed class UpdateTemplateValidator : Validator<UpdateTemplateRequest>
{
    public UpdateTemplateValidator() => TemplateText.Rules(this, r => r.Name, r => r.Body);
}

/// <summary>Changes a saved reply (Business Owner); another company's is not there.</summary>
internal sealed class UpdateTemplate(WhatsAppDb db) : Endpoint<UpdateTemplateRequest, Results<Ok<TemplateView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/whatsapp/templates/{id}");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Edit a saved reply");
    }

    public override async Task<Results<Ok<TemplateView>, ProblemHttpResult>> ExecuteAsync(UpdateTemplateRequest req, CancellationToken ct)
    {
        var template = await db.Templates.SingleOrDefaultAsync(t => t.Id == req.Id, ct);
        if (template is null)
            return TemplateProblems.NotFound;
        (template.Name, template.Body) = (req.Name.Trim(), req.Body.Trim());
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(new TemplateView(template.Id, template.Name, template.Body));
    }
}

internal static class TemplateProblems
{
    public static ProblemHttpResult NotFound => Problems.NotFound("whatsapp.template_not_found", "No such saved reply.");
}
