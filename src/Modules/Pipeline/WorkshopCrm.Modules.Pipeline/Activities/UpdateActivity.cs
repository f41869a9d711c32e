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

internal sealed record UpdateActivityRequest(
    long Id, long TypeId, string Subject, DateOnly? DueDate, TimeOnly? DueTime, int? DurationMinutes, string? Notes, long? OwnerId)
    : IActivityFields;

internal sealed class UpdateActivityValidator : Validator<UpdateActivityRequest>
{
    public UpdateActivityValidator() => ActivityFields.Apply(this);
}

/// <summary>Edits what, when and who; the lead and deal stay (schedule a new activity for another).</summary>
internal sealed class UpdateActivity(ActivityWrites writes) : Endpoint<UpdateActivityRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/activities/{id}");
        Summary(s => s.Summary = "Edit an activity");
    }

    public override Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(UpdateActivityRequest req, CancellationToken ct) =>
        writes.ChangeAsync(req.Id, "updated", async found =>
        {
            var activity = found.Activity;
            var ownerId = req.OwnerId ?? activity.UserId;
            if (await writes.RefuseOwnerAsync(ownerId, activity.UserId, ct) is { } refused)
                return refused;

            ActivityFields.CopyTo(req, activity);
            activity.UserId = ownerId;
            return null;
        }, ct);
}
