using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Deals;

internal sealed record CreateDealRequest(long LeadId, string Title, decimal Value, long? StageId, long? OwnerId, string? LossReason);

internal sealed class CreateDealValidator : Validator<CreateDealRequest>
{
    public CreateDealValidator()
    {
        RuleFor(r => r.LeadId).GreaterThan(0).WithMessage("Required.");
        DealFields.Title(this, r => r.Title);
        DealFields.Value(this, r => r.Value);
        DealFields.Stage(this, r => r.StageId);
        DealFields.LossReason(this, r => r.StageId, r => r.LossReason);
    }
}

/// <summary>A new deal on a lead the caller can see, at the end of its column (New Lead unless said otherwise).</summary>
internal sealed class CreateDeal(PipelineDb db, Access access, Team team, ColumnOrdering ordering, TimeProvider clock)
    : Endpoint<CreateDealRequest, Results<Created<DealView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/deals");
        Summary(s => s.Summary = "Create a deal");
    }

    public override async Task<Results<Created<DealView>, ProblemHttpResult>> ExecuteAsync(CreateDealRequest req, CancellationToken ct)
    {
        await team.EnsureCallerAsync(ct);
        var ownerId = req.OwnerId ?? access.UserId;
        if (ownerId != access.UserId && !access.IsOwner)
            return Problems.Forbidden("deal.owner_forbidden", "Only a Business Owner chooses another owner.");

        if (!await access.VisibleLeads().AnyAsync(l => l.Id == req.LeadId, ct))
            return Problems.Field("leadId", "No such lead.", "lead.not_found", StatusCodes.Status404NotFound);

        if (!await team.IsActiveMemberAsync(ownerId, ct))
            return DealProblems.OwnerInvalid;

        var stageId = req.StageId ?? PipelineStage.NewLead;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await ordering.ShareAsync(db.CurrentTenantId!.Value, stageId, ct); // a renumbering of the column waits
        var now = clock.GetUtcNow();
        var deal = new Deal
        {
            LeadId = req.LeadId,
            UserId = ownerId,
            PipelineStageId = stageId,
            Title = req.Title.Trim(),
            Value = req.Value,
            LossReason = stageId == PipelineStage.Lost ? req.LossReason!.Trim() : null,
            SortOrder = await ordering.EndAsync(stageId, ct),
            StageEnteredAt = now,
        };
        db.Deals.Add(deal);
        await db.SaveChangesAsync(ct);
        db.TellOnCommit(BoardEvent.DealCreated(deal.TenantId, deal.Id, deal.UserId, deal.PipelineStageId));
        await transaction.CommitAsync(ct);

        var view = await DealView.Of(db, db.Deals.AsNoTracking().Where(d => d.Id == deal.Id)).SingleAsync(ct);
        return TypedResults.Created((string?)null, view);
    }
}
