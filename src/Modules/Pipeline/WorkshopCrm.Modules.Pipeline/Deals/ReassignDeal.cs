using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>A Business Owner hands a deal to another active member; the lead's owner stays (seed note 4).</summary>
internal sealed class ReassignDeal(PipelineDb db, Team team) : Endpoint<OwnerChangeRequest, Results<Ok<DealView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/deals/{id}/owner");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Reassign a deal (Business Owner)");
    }

    public override async Task<Results<Ok<DealView>, ProblemHttpResult>> ExecuteAsync(OwnerChangeRequest req, CancellationToken ct)
    {
        var deal = await db.Deals.SingleOrDefaultAsync(d => d.Id == req.Id, ct);
        if (deal is null)
            return DealProblems.NotFound;

        if (!await team.IsActiveMemberAsync(req.OwnerId, ct))
            return DealProblems.OwnerInvalid;

        var previous = deal.UserId;
        deal.UserId = req.OwnerId;
        db.TellOnCommit(BoardEvent.DealUpdated(deal.TenantId, deal.Id, deal.UserId, previous, deal.PipelineStageId));
        await db.SaveChangesAsync(ct);
        return TypedResults.Ok(await DealView.Of(db, db.Deals.AsNoTracking().Where(d => d.Id == deal.Id)).SingleAsync(ct));
    }
}
