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

/// <summary>One activity the caller can see.</summary>
internal sealed class GetActivity(Access access, ActivityWrites writes) : Endpoint<ActivityIdRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/activities/{id}");
        Summary(s => s.Summary = "An activity");
    }

    public override async Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(ActivityIdRequest req, CancellationToken ct) =>
        await access.VisibleActivities().AnyAsync(a => a.Id == req.Id, ct)
            ? TypedResults.Ok(await writes.ViewAsync(req.Id, ct))
            : ActivityProblems.NotFound;
}
