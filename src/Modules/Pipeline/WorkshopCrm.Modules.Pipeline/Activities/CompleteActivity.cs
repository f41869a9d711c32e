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

internal sealed record CompleteActivityRequest(long Id, string? Outcome);

internal sealed class CompleteActivityValidator : Validator<CompleteActivityRequest>
{
    public CompleteActivityValidator() => RuleFor(r => r.Outcome).OptionalText(ActivityFields.OutcomeMax);
}

/// <summary>Marks an activity done (by the caller, now), with what came of it. Completing a done one again changes nothing but the outcome.</summary>
internal sealed class CompleteActivity(ActivityWrites writes, TimeProvider clock)
    : Endpoint<CompleteActivityRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/activities/{id}/complete");
        Summary(s => s.Summary = "Complete an activity, with an optional outcome");
    }

    public override Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(CompleteActivityRequest req, CancellationToken ct) =>
        writes.ChangeAsync(req.Id, "completed", activity =>
        {
            if (activity.DoneAt is null)
                (activity.DoneAt, activity.DoneBy) = (clock.GetUtcNow(), writes.Access.UserId);
            activity.Outcome = string.IsNullOrWhiteSpace(req.Outcome) ? activity.Outcome : req.Outcome.Trim();
        }, ct);
}
