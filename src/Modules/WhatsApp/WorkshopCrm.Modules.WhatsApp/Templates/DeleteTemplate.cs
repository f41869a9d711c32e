using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.WhatsApp.Templates;

internal sealed record TemplateIdRequest(long Id);

/// <summary>Deletes a saved reply (Business Owner).</summary>
internal sealed class DeleteTemplate(WhatsAppDb db) : Endpoint<TemplateIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/whatsapp/templates/{id}");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Delete a saved reply");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(TemplateIdRequest req, CancellationToken ct) =>
        await db.Templates.Where(t => t.Id == req.Id).ExecuteDeleteAsync(ct) == 0 ? TemplateProblems.NotFound : TypedResults.NoContent();
}
