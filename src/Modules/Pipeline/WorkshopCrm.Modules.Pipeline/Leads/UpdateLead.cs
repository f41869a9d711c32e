using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Leads;

internal sealed record UpdateLeadRequest(long Id, string Name, string Email, string? Phone);

internal sealed class UpdateLeadValidator : Validator<UpdateLeadRequest>
{
    public UpdateLeadValidator() => LeadFields.NameEmailPhone(this, r => r.Name, r => r.Email, r => r.Phone);
}

/// <summary>Edits a lead's name, e-mail and phone (a Salesperson: only leads it owns).</summary>
internal sealed class UpdateLead(PipelineDb db, Access access) : Endpoint<UpdateLeadRequest, Results<Ok<LeadDetail>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/leads/{id}");
        Description(x => x.Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Edit a lead");
    }

    public override async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> ExecuteAsync(UpdateLeadRequest req, CancellationToken ct)
    {
        var lead = await access.VisibleLeads().SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
            return LeadProblems.NotFound;

        if (!access.MayEdit(lead))
            return Problems.Forbidden("lead.not_yours", "Only the lead's owner or a Business Owner edits it.");

        (lead.Name, lead.Email, lead.Phone) = (req.Name.Trim(), EmailAddresses.Normalize(req.Email), LeadFields.CleanPhone(req.Phone));
        if (await db.Leads.AnyAsync(l => l.Email == lead.Email && l.Id != lead.Id, ct))
            return LeadProblems.EmailTaken;

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("leads_tenant_id_email_unique"))
        {
            return LeadProblems.EmailTaken;
        }

        return TypedResults.Ok(await LeadDetails.LoadAsync(db, access, lead, ct));
    }
}
