using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Deals;

/// <summary>
/// Where the card goes: <c>stageId</c>, and in that column before <c>beforeDealId</c> (the card that will follow
/// it) and/or after <c>afterDealId</c> (the card that will precede it); neither: the end of the column.
/// </summary>
internal sealed record MoveDealRequest(long Id, long StageId, long? BeforeDealId, long? AfterDealId, string? LossReason);

internal sealed class MoveDealValidator : Validator<MoveDealRequest>
{
    public MoveDealValidator()
    {
        RuleFor(r => r.StageId).Must(PipelineStage.Exists).WithMessage("No such stage.");
        DealFields.LossReason(this, r => r.StageId, r => r.LossReason);
        RuleFor(r => r.BeforeDealId).NotEqual(r => (long?)r.Id).WithMessage("A card cannot be placed next to itself.");
        RuleFor(r => r.AfterDealId).NotEqual(r => (long?)r.Id).WithMessage("A card cannot be placed next to itself.");
    }
}

/// <summary>Drag and drop on the board: to another column and/or another place in a column. Into Lost only with a reason; out of Lost clears it.</summary>
internal sealed class MoveDeal(PipelineDb db, Access access, ColumnOrdering ordering, TimeProvider clock, Activities.CompanyCalendar calendar) : Endpoint<MoveDealRequest, Results<Ok<DealCard>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/deals/{id}/move");
        Summary(s => s.Summary = "Move a deal on the board");
    }

    public override async Task<Results<Ok<DealCard>, ProblemHttpResult>> ExecuteAsync(MoveDealRequest req, CancellationToken ct)
    {
        var tenantId = db.CurrentTenantId!.Value;
        for (var attempt = 0; ; attempt++)
        {
            await using var transaction = await db.Database.BeginTransactionAsync(ct);
            // The target column shared (a renumbering of it waits), then the card: two moves of one card (into
            // different columns) are serialised by the row lock; moves of different cards never wait for each other.
            await ordering.ShareAndLockCardAsync(tenantId, req.StageId, req.Id, ct);
            // The card's names come with it: the answer needs no query after the commit.
            var found = await access.VisibleDeals().Where(d => d.Id == req.Id)
                .Select(d => new
                {
                    Deal = d,
                    LeadName = db.Leads.Where(l => l.Id == d.LeadId).Select(l => l.Name).First(),
                    OwnerName = db.Members.Where(m => m.UserId == d.UserId).Select(m => m.Name).First(),
                    // Scalars, each a LIMIT 1 subquery on an index: a record here became a ROW_NUMBER() over every open
                    // activity of the company (1.4 s a move in the bench, docs/performance.md).
                    NextId = db.Activities.Where(a => a.DealId == d.Id && a.DoneAt == null)
                        .OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Select(a => (long?)a.Id).FirstOrDefault(),
                    NextType = db.Activities.Where(a => a.DealId == d.Id && a.DoneAt == null)
                        .OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Select(a => a.ActivityTypeId).FirstOrDefault(),
                    NextDate = db.Activities.Where(a => a.DealId == d.Id && a.DoneAt == null)
                        .OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Select(a => a.DueDate).FirstOrDefault(),
                    NextTime = db.Activities.Where(a => a.DealId == d.Id && a.DoneAt == null)
                        .OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Select(a => a.DueTime).FirstOrDefault(),
                    Awaiting = (from l in db.Leads
                                where l.Id == d.LeadId
                                join w in db.WhatsAppConversations on EF.Property<string?>(l, Conversations.LeadPhone.Column) equals w.Phone
                                where w.LastOutAt == null || w.LastInAt > w.LastOutAt
                                select w.LastInAt).FirstOrDefault(),
                })
                .SingleOrDefaultAsync(ct);
            if (found is null)
                return DealProblems.NotFound;
            var deal = found.Deal;

            int position;
            try
            {
                position = await ordering.PositionAsync(access.VisibleDeals(), req.StageId, deal.Id, req.BeforeDealId, req.AfterDealId, ct);
            }
            catch (PositionRefused refused)
            {
                return Problems.Field(refused.Field, refused.Message, "deal.position_invalid");
            }
            catch (ColumnFull) when (attempt == 0)
            {
                // no room between the neighbours: spread the column out (its own transaction), then move again
                await transaction.RollbackAsync(ct);
                db.ChangeTracker.Clear();
                await ordering.RenumberAsync(tenantId, req.StageId, ct);
                continue;
            }
            catch (ColumnFull)
            {
                return Problems.Conflict("deal.column_busy", "Many cards were just dropped at this spot; try the move again.");
            }

            var now = clock.GetUtcNow();
            var from = deal.PipelineStageId;
            if (from != req.StageId)
                deal.StageEnteredAt = now;
            deal.PipelineStageId = req.StageId;
            deal.SortOrder = position;
            deal.LossReason = req.StageId == PipelineStage.Lost ? req.LossReason!.Trim() : null;
            db.TellOnCommit(BoardEvent.DealMoved(deal.TenantId, deal.Id, deal.UserId, from, req.StageId));
            await db.SaveChangesAsync(ct);
            await transaction.CommitAsync(ct);

            var card = new CardRow(deal.Id, deal.Title, deal.Value, deal.LeadId, found.LeadName, deal.UserId, found.OwnerName,
                deal.PipelineStageId, deal.SortOrder, deal.UpdatedAt, deal.StageEnteredAt, deal.LossReason, found.NextId is { } nextId ? new NextActivityRow(nextId, found.NextType, found.NextDate, found.NextTime) : null, found.Awaiting);
            return TypedResults.Ok(card.ToCard(now, calendar));
        }
    }
}
