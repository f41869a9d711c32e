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
        var view = await writes.SaveNewAsync(activity, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Created((string?)null, view);
    }
}
