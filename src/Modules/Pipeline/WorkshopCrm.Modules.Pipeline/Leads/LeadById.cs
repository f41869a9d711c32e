using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

internal sealed record LeadIdRequest(long Id);

/// <summary>A lead's deal as the lead page lists it.</summary>
internal sealed record LeadDeal(long Id, string Title, decimal Value, long StageId, long OwnerId, string OwnerName);

internal sealed record LeadDetail(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, IReadOnlyList<LeadDeal> Deals);

/// <summary>One lead with the deals on it the caller can see.</summary>
internal sealed class GetLead(PipelineDb db, Access access) : Endpoint<LeadIdRequest, LeadDetail>
{
    public override void Configure()
    {
        Get("/api/leads/{id}");
        Summary(s => s.Summary = "A lead and its deals");
    }

    public override async Task HandleAsync(LeadIdRequest req, CancellationToken ct)
    {
        var lead = await access.VisibleLeads().AsNoTracking().SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
        {
            await Send.ResultAsync(LeadRules.NotFound);
            return;
        }

        await Send.OkAsync(await LeadDetails.LoadAsync(db, access, lead, ct), ct);
    }
}

internal static class LeadDetails
{
    public static async Task<LeadDetail> LoadAsync(PipelineDb db, Access access, Lead lead, CancellationToken ct)
    {
        var deals = await access.VisibleDeals().AsNoTracking().Where(d => d.LeadId == lead.Id)
            .OrderBy(d => d.PipelineStageId).ThenBy(d => d.SortOrder)
            .Select(d => new LeadDeal(d.Id, d.Title, d.Value, d.PipelineStageId, d.UserId, db.Members.Where(m => m.UserId == d.UserId).Select(m => m.Name).First()))
            .ToListAsync(ct);
        var ownerName = await db.Members.Where(m => m.UserId == lead.UserId).Select(m => m.Name).SingleAsync(ct);
        return new LeadDetail(lead.Id, lead.Name, lead.Email, lead.Phone, lead.UserId, ownerName, lead.CreatedAt, lead.UpdatedAt, deals);
    }
}

internal sealed record UpdateLeadRequest(long Id, string Name, string Email, string? Phone);

internal sealed class UpdateLeadValidator : Validator<UpdateLeadRequest>
{
    public UpdateLeadValidator() => LeadRules.NameEmailPhone(this, r => r.Name, r => r.Email, r => r.Phone);
}

/// <summary>Edits a lead's name, e-mail and phone (a Salesperson: only leads it owns).</summary>
internal sealed class UpdateLead(PipelineDb db, Access access) : Endpoint<UpdateLeadRequest, LeadDetail>
{
    public override void Configure()
    {
        Put("/api/leads/{id}");
        Description(x => x.Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Edit a lead");
    }

    public override async Task HandleAsync(UpdateLeadRequest req, CancellationToken ct)
    {
        var lead = await access.VisibleLeads().SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
        {
            await Send.ResultAsync(LeadRules.NotFound);
            return;
        }

        if (!access.MayEdit(lead))
        {
            await Send.ResultAsync(Problems.Forbidden("lead.not_yours", "Only the lead's owner or a Business Owner edits it."));
            return;
        }

        (lead.Name, lead.Email, lead.Phone) = (req.Name.Trim(), Lead.NormalizeEmail(req.Email), LeadRules.CleanPhone(req.Phone));
        if (await db.Leads.AnyAsync(l => l.Email == lead.Email && l.Id != lead.Id, ct))
        {
            await Send.ResultAsync(LeadRules.EmailTaken);
            return;
        }

        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException ex) when (ex.IsUniqueViolation("leads_tenant_id_email_unique"))
        {
            await Send.ResultAsync(LeadRules.EmailTaken);
            return;
        }

        await Send.OkAsync(await LeadDetails.LoadAsync(db, access, lead, ct), ct);
    }
}

internal sealed record OwnerRequest(long Id, long OwnerId);

internal sealed class OwnerRequestValidator : Validator<OwnerRequest>
{
    public OwnerRequestValidator() => RuleFor(r => r.OwnerId).GreaterThan(0).WithMessage("Required.");
}

/// <summary>A Business Owner hands a lead to another active member; the lead's deals keep their owners (seed note 4).</summary>
internal sealed class ReassignLead(PipelineDb db, Access access, Team team) : Endpoint<OwnerRequest, LeadDetail>
{
    public override void Configure()
    {
        Put("/api/leads/{id}/owner");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Reassign a lead (Business Owner)");
    }

    public override async Task HandleAsync(OwnerRequest req, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
        {
            await Send.ResultAsync(LeadRules.NotFound);
            return;
        }

        if (!await team.IsActiveMemberAsync(req.OwnerId, ct))
        {
            await Send.ResultAsync(LeadRules.OwnerInvalid);
            return;
        }

        lead.UserId = req.OwnerId;
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(await LeadDetails.LoadAsync(db, access, lead, ct), ct);
    }
}

/// <summary>A Business Owner deletes a lead; its deals and their notes go with it (open boards are told).</summary>
internal sealed class DeleteLead(PipelineDb db, TimeProvider clock) : Endpoint<LeadIdRequest>
{
    public override void Configure()
    {
        Delete("/api/leads/{id}");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Delete a lead with its deals and notes (Business Owner)");
    }

    public override async Task HandleAsync(LeadIdRequest req, CancellationToken ct)
    {
        var lead = await db.Leads.SingleOrDefaultAsync(l => l.Id == req.Id, ct);
        if (lead is null)
        {
            await Send.ResultAsync(LeadRules.NotFound);
            return;
        }

        var now = clock.GetUtcNow();
        var deals = await db.Deals.Where(d => d.LeadId == lead.Id).Select(d => new { d.Id, d.UserId, d.PipelineStageId }).ToListAsync(ct);
        foreach (var deal in deals)
            db.Publish(new DealDeleted(lead.TenantId, deal.Id, deal.UserId, deal.PipelineStageId, now));
        db.Leads.Remove(lead); // deals and notes cascade in the database
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
