using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Leads;

internal sealed record CreateLeadRequest(string Name, string Email, string? Phone, long? OwnerId);

internal sealed class CreateLeadValidator : Validator<CreateLeadRequest>
{
    public CreateLeadValidator() => LeadFields.NameEmailPhone(this, r => r.Name, r => r.Email, r => r.Phone);
}

/// <summary>
/// A new lead, owned by the caller unless a Business Owner names another active member. The e-mail is unique in
/// the company, case-insensitively; the unique index decides races (one 201, the others 409).
/// </summary>
internal sealed class CreateLead(PipelineDb db, Access access, Team team) : Endpoint<CreateLeadRequest, Results<Created<LeadView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/leads");
        Description(x => x.Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Create a lead");
    }

    public override async Task<Results<Created<LeadView>, ProblemHttpResult>> ExecuteAsync(CreateLeadRequest req, CancellationToken ct)
    {
        await team.EnsureCallerAsync(ct);
        var ownerId = req.OwnerId ?? access.UserId;
        if (ownerId != access.UserId && !access.IsOwner)
            return Problems.Forbidden("lead.owner_forbidden", "Only a Business Owner chooses another owner.");

        if (!await team.IsActiveMemberAsync(ownerId, ct))
            return LeadProblems.OwnerInvalid;

        var lead = new Lead { Name = req.Name.Trim(), Email = EmailAddresses.Normalize(req.Email), Phone = LeadFields.CleanPhone(req.Phone), UserId = ownerId };
        if (await db.Leads.AnyAsync(l => l.Email == lead.Email, ct))
            return LeadProblems.EmailTaken;

        db.Leads.Add(lead);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("leads_tenant_id_email_unique"))
        {
            return LeadProblems.EmailTaken;
        }

        var ownerName = await db.Members.Where(m => m.UserId == ownerId).Select(m => m.Name).SingleAsync(ct);
        return TypedResults.Created((string?)null, new LeadView(lead.Id, lead.Name, lead.Email, lead.Phone, lead.UserId, ownerName, 0, lead.CreatedAt));
    }
}
