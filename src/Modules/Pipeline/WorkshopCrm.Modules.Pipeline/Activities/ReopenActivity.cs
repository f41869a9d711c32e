using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>Opens a done activity again (the agenda's "undo").</summary>
internal sealed class ReopenActivity(ActivityWrites writes) : Endpoint<ActivityIdRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/activities/{id}/reopen");
        Summary(s => s.Summary = "Reopen a completed activity");
    }

    public override Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(ActivityIdRequest req, CancellationToken ct) =>
        writes.ChangeAsync(req.Id, "updated", activity => (activity.DoneAt, activity.DoneBy, activity.Outcome) = (null, null, null), ct);
}
