using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Privacy;

/// <summary>The lead, and its current name typed again to confirm.</summary>
internal sealed record AnonymizeLeadRequest(long Id, string Confirm);

internal sealed class AnonymizeLeadValidator : Validator<AnonymizeLeadRequest>
{
    public AnonymizeLeadValidator() => RuleFor(r => r.Confirm).RequiredLine(255);
}

/// <summary>
/// A Business Owner anonymizes a lead (LGPD art. 18: the person asked to be forgotten, but the sale happened): in one
/// transaction its personal data and every free text about it are replaced, its deals stay for the numbers (see
/// <see cref="LeadAnonymization"/>), open boards hear of it, and the audit log records who did it. Doing it again
/// changes nothing and answers the same.
/// </summary>
internal sealed class AnonymizeLead(PipelineDb db, Access access, ICurrentUser caller, TimeProvider clock)
    : Endpoint<AnonymizeLeadRequest, Results<Ok<LeadDetail>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/leads/{id}/anonymize");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "Anonymize a lead: name, e-mail, phone and free text replaced, deals kept for the numbers (Business Owner; confirm = the lead's name)");
    }

    public override async Task<Results<Ok<LeadDetail>, ProblemHttpResult>> ExecuteAsync(AnonymizeLeadRequest req, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        // Two clicks, or two owners at once, anonymize once.
        await db.Database.ExecuteSqlAsync($"SELECT 1 FROM pipeline.leads WHERE id = {req.Id} FOR UPDATE", ct);
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
            return LeadProblems.NotFound;

        if (!LeadAnonymization.IsAnonymized(lead))
        {
            if (!LeadAnonymization.Confirms(req.Confirm, lead))
                return Problems.Field("confirm", "Type the lead's name exactly to confirm.", "lead.confirm_mismatch");

            var now = clock.GetUtcNow();
            await LeadAnonymization.ApplyAsync(db, lead, now, ct);
            db.Publish(LeadAudit.Of(AuditActions.Anonymize, lead.Id, caller, HttpContext, now));
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.Ok(await LeadDetails.LoadAsync(db, access, lead, ct));
    }
}
