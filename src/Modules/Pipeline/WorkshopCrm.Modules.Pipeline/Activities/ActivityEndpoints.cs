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

internal sealed record ActivityIdRequest(long Id);

internal sealed record CreateActivityRequest(
    long TypeId, string Subject, DateOnly? DueDate, TimeOnly? DueTime, int? DurationMinutes, string? Notes, long? OwnerId, long? LeadId, long? DealId)
    : IActivityFields;

internal sealed class CreateActivityValidator : Validator<CreateActivityRequest>
{
    public CreateActivityValidator()
    {
        ActivityFields.Apply(this);
        RuleFor(r => r.LeadId).NotNull().When(r => r.DealId is null).WithMessage("Required.");
        RuleFor(r => r.LeadId).GreaterThan(0).When(r => r.LeadId is not null).WithMessage("No such lead.");
        RuleFor(r => r.DealId).GreaterThan(0).When(r => r.DealId is not null).WithMessage("No such deal.");
    }
}

internal sealed record UpdateActivityRequest(
    long Id, long TypeId, string Subject, DateOnly? DueDate, TimeOnly? DueTime, int? DurationMinutes, string? Notes, long? OwnerId)
    : IActivityFields;

internal sealed class UpdateActivityValidator : Validator<UpdateActivityRequest>
{
    public UpdateActivityValidator() => ActivityFields.Apply(this);
}

internal sealed record CompleteActivityRequest(long Id, string? Outcome);

internal sealed class CompleteActivityValidator : Validator<CompleteActivityRequest>
{
    public CompleteActivityValidator() => RuleFor(r => r.Outcome).OptionalText(ActivityFields.OutcomeMax);
}

/// <summary>What every activity write shares: who may own it, the event open boards and agendas follow, the answer.</summary>
internal sealed class ActivityWrites(PipelineDb db, Access access, Team team, CompanyCalendar calendar, TimeProvider clock)
{
    public Access Access => access;

    /// <summary>The owner an activity may get from the caller: itself, or (a Business Owner) any active user; null when refused.</summary>
    public async Task<ProblemHttpResult?> RefuseOwnerAsync(long ownerId, long? currentOwnerId, CancellationToken ct)
    {
        if (ownerId == currentOwnerId)
            return null; // kept as it is, even if that user has left since
        if (ownerId != access.UserId && !access.IsOwner)
            return ActivityProblems.OwnerForbidden;
        if (ownerId == access.UserId)
            await team.EnsureCallerAsync(ct);
        return await team.IsActiveMemberAsync(ownerId, ct) ? null : ActivityProblems.OwnerInvalid;
    }

    /// <summary>Saves the change with its event (one transaction, the outbox's) and answers the activity as it now is.</summary>
    public async Task<ActivityView> SaveAsync(Activity activity, string change, CancellationToken ct)
    {
        var dealOwnerId = activity.DealId is { } dealId
            ? await db.Deals.Where(d => d.Id == dealId).Select(d => (long?)d.UserId).SingleOrDefaultAsync(ct)
            : null;
        db.Publish(new ActivityChanged(activity.TenantId, activity.Id, change,
            activity.LeadId, activity.DealId, activity.UserId, dealOwnerId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await ViewAsync(activity.Id, ct);
    }

    public async Task<ActivityView> ViewAsync(long id, CancellationToken ct) =>
        (await ActivityRow.Of(db, db.Activities.AsNoTracking().Where(a => a.Id == id)).SingleAsync(ct)).ToView(calendar.Now());
}

/// <summary>Schedules an activity on a lead (or on one of its deals, which names the lead).</summary>
internal sealed class CreateActivity(PipelineDb db, ActivityWrites writes)
    : Endpoint<CreateActivityRequest, Results<Created<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/activities");
        Summary(s => s.Summary = "Schedule an activity on a lead or deal");
    }

    public override async Task<Results<Created<ActivityView>, ProblemHttpResult>> ExecuteAsync(CreateActivityRequest req, CancellationToken ct)
    {
        var access = writes.Access;
        long leadId;
        if (req.DealId is { } dealId)
        {
            var deal = await access.VisibleDeals().Where(d => d.Id == dealId).Select(d => new { d.LeadId }).SingleOrDefaultAsync(ct);
            if (deal is null)
                return ActivityProblems.DealNotFound;
            if (req.LeadId is { } named && named != deal.LeadId)
                return ActivityProblems.DealOfAnotherLead;
            leadId = deal.LeadId;
        }
        else
        {
            leadId = req.LeadId!.Value;
            if (!await access.VisibleLeads().AnyAsync(l => l.Id == leadId, ct))
                return ActivityProblems.LeadNotFound;
        }

        var ownerId = req.OwnerId ?? access.UserId;
        if (await writes.RefuseOwnerAsync(ownerId, currentOwnerId: null, ct) is { } refused)
            return refused;

        var activity = new Activity { Subject = "", LeadId = leadId, DealId = req.DealId, UserId = ownerId, CreatedBy = access.UserId };
        ActivityFields.CopyTo(req, activity);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Activities.Add(activity);
        await db.SaveChangesAsync(ct); // the id, for the event
        var view = await writes.SaveAsync(activity, "created", ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created((string?)null, view);
    }
}

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

/// <summary>Edits what, when and who; the lead and deal stay (schedule a new activity for another).</summary>
internal sealed class UpdateActivity(ActivityWrites writes) : Endpoint<UpdateActivityRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Put("/api/activities/{id}");
        Summary(s => s.Summary = "Edit an activity");
    }

    public override async Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(UpdateActivityRequest req, CancellationToken ct)
    {
        var activity = await writes.Access.VisibleActivities().SingleOrDefaultAsync(a => a.Id == req.Id, ct);
        if (activity is null)
            return ActivityProblems.NotFound;

        var ownerId = req.OwnerId ?? activity.UserId;
        if (await writes.RefuseOwnerAsync(ownerId, activity.UserId, ct) is { } refused)
            return refused;

        ActivityFields.CopyTo(req, activity);
        activity.UserId = ownerId;
        return TypedResults.Ok(await writes.SaveAsync(activity, "updated", ct));
    }
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

    public override async Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(CompleteActivityRequest req, CancellationToken ct)
    {
        var activity = await writes.Access.VisibleActivities().SingleOrDefaultAsync(a => a.Id == req.Id, ct);
        if (activity is null)
            return ActivityProblems.NotFound;

        if (activity.DoneAt is null)
            (activity.DoneAt, activity.DoneBy) = (clock.GetUtcNow(), writes.Access.UserId);
        activity.Outcome = string.IsNullOrWhiteSpace(req.Outcome) ? activity.Outcome : req.Outcome.Trim();
        return TypedResults.Ok(await writes.SaveAsync(activity, "completed", ct));
    }
}

/// <summary>Opens a done activity again (the agenda's "undo").</summary>
internal sealed class ReopenActivity(ActivityWrites writes) : Endpoint<ActivityIdRequest, Results<Ok<ActivityView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/activities/{id}/reopen");
        Summary(s => s.Summary = "Reopen a completed activity");
    }

    public override async Task<Results<Ok<ActivityView>, ProblemHttpResult>> ExecuteAsync(ActivityIdRequest req, CancellationToken ct)
    {
        var activity = await writes.Access.VisibleActivities().SingleOrDefaultAsync(a => a.Id == req.Id, ct);
        if (activity is null)
            return ActivityProblems.NotFound;

        (activity.DoneAt, activity.DoneBy, activity.Outcome) = (null, null, null);
        return TypedResults.Ok(await writes.SaveAsync(activity, "updated", ct));
    }
}

/// <summary>Deletes an activity the caller can see.</summary>
internal sealed class DeleteActivity(PipelineDb db, Access access, TimeProvider clock) : Endpoint<ActivityIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/activities/{id}");
        Summary(s => s.Summary = "Delete an activity");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(ActivityIdRequest req, CancellationToken ct)
    {
        var found = await access.VisibleActivities().Where(a => a.Id == req.Id)
            .Select(a => new { Activity = a, DealOwnerId = a.Deal == null ? (long?)null : a.Deal.UserId }).SingleOrDefaultAsync(ct);
        if (found is null)
            return ActivityProblems.NotFound;

        var a = found.Activity;
        db.Activities.Remove(a);
        db.Publish(new ActivityChanged(a.TenantId, a.Id, "deleted", a.LeadId, a.DealId, a.UserId, found.DealOwnerId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return TypedResults.NoContent();
    }
}
