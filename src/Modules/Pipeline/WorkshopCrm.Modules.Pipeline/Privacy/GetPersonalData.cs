using System.Globalization;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Privacy;

/// <summary>
/// A Business Owner downloads everything the CRM holds about one lead, as a JSON file (LGPD art. 18: the person asked).
/// The company's audit log records that it was handed out, by whom and from where.
/// </summary>
internal sealed class GetPersonalData(PipelineDb db, ICurrentUser caller, TimeProvider clock)
    : Endpoint<LeadIdRequest, Results<Ok<PersonalData>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/leads/{id}/personal-data");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "Everything held about a lead: lead, deals, notes, activities, history, WhatsApp times (Business Owner; a JSON download)");
    }

    public override async Task<Results<Ok<PersonalData>, ProblemHttpResult>> ExecuteAsync(LeadIdRequest req, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var data = await PersonalData.LoadAsync(db, req.Id, now, ct);
        if (data is null)
            return LeadProblems.NotFound;

        db.Publish(LeadAudit.Of(AuditActions.PersonalData, req.Id, caller, HttpContext, now));
        await db.SaveChangesAsync(ct);

        HttpContext.Response.Headers.ContentDisposition =
            $"attachment; filename=\"lead-{req.Id.ToString(CultureInfo.InvariantCulture)}-dados-pessoais.json\"";
        return TypedResults.Ok(data);
    }
}
