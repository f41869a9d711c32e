using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Deals;

internal sealed record DealIdRequest(long Id);

/// <summary>The deal panel.</summary>
internal sealed class GetDeal(PipelineDb db, Access access) : Endpoint<DealIdRequest, DealView>
{
    public override void Configure()
    {
        Get("/api/deals/{id}");
        Summary(s => s.Summary = "A deal with its lead, owner and stage");
    }

    public override async Task HandleAsync(DealIdRequest req, CancellationToken ct)
    {
        var view = await DealRules.Views(db, access.VisibleDeals().AsNoTracking().Where(d => d.Id == req.Id)).SingleOrDefaultAsync(ct);
        await (view is null ? Send.ResultAsync(DealRules.NotFound) : Send.OkAsync(view, ct));
    }
}

internal sealed record UpdateDealRequest(long Id, string Title, decimal Value, uint Version);

internal sealed class UpdateDealValidator : Validator<UpdateDealRequest>
{
    public UpdateDealValidator()
    {
        DealRules.Title(this, r => r.Title);
        DealRules.Value(this, r => r.Value);
        RuleFor(r => r.Version).GreaterThan(0u).WithMessage("Required: the version you edited.");
    }
}

/// <summary>Edits title and value. The version read with the deal must still be current, or someone else's edit would be lost: 409.</summary>
internal sealed class UpdateDeal(PipelineDb db, Access access, TimeProvider clock) : Endpoint<UpdateDealRequest, DealView>
{
    public override void Configure()
    {
        Put("/api/deals/{id}");
        Description(x => x.Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Edit a deal's title and value (optimistic concurrency on version)");
    }

    public override async Task HandleAsync(UpdateDealRequest req, CancellationToken ct)
    {
        var deal = await access.VisibleDeals().SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
        {
            await Send.ResultAsync(DealRules.NotFound);
            return;
        }

        if (deal.Version != req.Version)
        {
            await Send.ResultAsync(Stale);
            return;
        }

        (deal.Title, deal.Value) = (req.Title.Trim(), req.Value);
        db.Publish(new DealUpdated(deal.TenantId, deal.Id, deal.UserId, null, deal.PipelineStageId, clock.GetUtcNow()));
        try
        {
            await db.SaveChangesAsync(ct); // WHERE xmin = version: a change since it was read fails here
        }
        catch (DbUpdateConcurrencyException)
        {
            await Send.ResultAsync(Stale);
            return;
        }

        await Send.OkAsync(await DealRules.Views(db, db.Deals.AsNoTracking().Where(d => d.Id == deal.Id)).SingleAsync(ct), ct);
    }

    private static readonly IResult Stale = Problems.Conflict("deal.version_conflict",
        "Someone changed this deal after you opened it.", "Reload the deal to see the current values, then apply your change again.");
}

/// <summary>A Business Owner hands a deal to another active member; the lead's owner stays (seed note 4).</summary>
internal sealed class ReassignDeal(PipelineDb db, Team team, TimeProvider clock) : Endpoint<Leads.OwnerRequest, DealView>
{
    public override void Configure()
    {
        Put("/api/deals/{id}/owner");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Reassign a deal (Business Owner)");
    }

    public override async Task HandleAsync(Leads.OwnerRequest req, CancellationToken ct)
    {
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
        {
            await Send.ResultAsync(DealRules.NotFound);
            return;
        }

        if (!await team.IsActiveMemberAsync(req.OwnerId, ct))
        {
            await Send.ResultAsync(DealRules.OwnerInvalid);
            return;
        }

        var previous = deal.UserId;
        deal.UserId = req.OwnerId;
        db.Publish(new DealUpdated(deal.TenantId, deal.Id, deal.UserId, previous, deal.PipelineStageId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(await DealRules.Views(db, db.Deals.AsNoTracking().Where(d => d.Id == deal.Id)).SingleAsync(ct), ct);
    }
}

/// <summary>Deletes a deal (a Salesperson: its own) with its notes.</summary>
internal sealed class DeleteDeal(PipelineDb db, Access access, TimeProvider clock) : Endpoint<DealIdRequest>
{
    public override void Configure()
    {
        Delete("/api/deals/{id}");
        Summary(s => s.Summary = "Delete a deal and its notes");
    }

    public override async Task HandleAsync(DealIdRequest req, CancellationToken ct)
    {
        var deal = await access.VisibleDeals().SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
        {
            await Send.ResultAsync(DealRules.NotFound);
            return;
        }

        db.Deals.Remove(deal);
        db.Publish(new DealDeleted(deal.TenantId, deal.Id, deal.UserId, deal.PipelineStageId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
