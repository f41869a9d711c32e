using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Modules.Pipeline.Live;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>Deletes an activity the caller can see.</summary>
internal sealed class DeleteActivity(PipelineDb db, Access access) : Endpoint<ActivityIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/activities/{id}");
        Summary(s => s.Summary = "Delete an activity");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(ActivityIdRequest req, CancellationToken ct)
    {
        // One transaction from the read on, which binds it to the tenant (ActivityWrites.ChangeAsync says why).
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var found = await access.VisibleActivities().Where(a => a.Id == req.Id)
            .Select(a => new { Activity = a, DealOwnerId = a.Deal == null ? (long?)null : a.Deal.UserId }).SingleOrDefaultAsync(ct);
        if (found is null)
            return ActivityProblems.NotFound;

        var a = found.Activity;
        db.Activities.Remove(a);
        db.TellOnCommit(BoardEvent.ActivityChanged("deleted", a.TenantId, a.Id, a.LeadId, a.DealId, a.UserId, found.DealOwnerId));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
