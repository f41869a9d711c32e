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

internal sealed record ActivityIdRequest(long Id);

/// <summary>What every activity write shares: who may own it, the event open boards and agendas follow, the answer.</summary>
internal sealed class ActivityWrites(PipelineDb db, Access access, Team team, CompanyCalendar calendar)
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

    /// <summary>
    /// Changes the activity the caller can see and answers it as it now is; 404 when the caller cannot see it, or what
    /// <paramref name="apply"/> refuses (nothing written then). One transaction from the read on: the read binds it to
    /// the tenant in its own round trip (ADR 0018), so the save needs no binding statement of its own, one round trip
    /// less than a save that begins its transaction itself.
    /// </summary>
    public async Task<Results<Ok<ActivityView>, ProblemHttpResult>> ChangeAsync(long id, string change,
        Func<ActivityToChange, Task<ProblemHttpResult?>> apply, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        if (await FindAsync(id, ct) is not { } found)
            return ActivityProblems.NotFound;
        if (await apply(found) is { } refused)
            return refused;

        var view = await SaveAsync(found, change, ct);
        await transaction.CommitAsync(ct);
        return TypedResults.Ok(view);
    }

    /// <inheritdoc cref="ChangeAsync(long, string, Func{ActivityToChange, Task{ProblemHttpResult?}}, CancellationToken)"/>
    public Task<Results<Ok<ActivityView>, ProblemHttpResult>> ChangeAsync(long id, string change, Action<Activity> apply, CancellationToken ct) =>
        ChangeAsync(id, change, found =>
        {
            apply(found.Activity);
            return Task.FromResult<ProblemHttpResult?>(null);
        }, ct);

    /// <summary>
    /// The activity the caller can see, tracked for a change, with the names its answer shows and the caller's own name
    /// (who completes it), in one query; null when the caller cannot see it.
    /// </summary>
    private async Task<ActivityToChange?> FindAsync(long id, CancellationToken ct)
    {
        var callerId = access.UserId;
        return await NamedActivity.Of(db, access.VisibleActivities().Where(a => a.Id == id))
            .Select(n => new ActivityToChange(n, db.Members.Where(m => m.UserId == callerId).Select(m => m.Name).FirstOrDefault()))
            .SingleOrDefaultAsync(ct);
    }

    /// <summary>
    /// Saves the change to a found activity, with the notification open boards follow, in the transaction
    /// <see cref="ChangeAsync(long, string, Func{ActivityToChange, Task{ProblemHttpResult?}}, CancellationToken)"/> began,
    /// and answers it as it now is from the names read with it: no second read unless its owner changed (whose name was
    /// not read).
    /// </summary>
    private async Task<ActivityView> SaveAsync(ActivityToChange found, string change, CancellationToken ct)
    {
        var (named, activity) = (found.Named, found.Activity);
        var ownerChanged = db.Entry(activity).Property(a => a.UserId).IsModified;
        await SaveAsync(activity, named.DealOwnerId, change, ct);
        if (ownerChanged)
            return await ViewAsync(activity.Id, ct);
        var doneByName = activity.DoneBy switch
        {
            null => null,
            var by when by == access.UserId => found.CallerName, // the caller completed it, now or before
            _ => named.DoneByName, // someone else did, before
        };
        return named.ToRow(doneByName).ToView(calendar.Now());
    }

    /// <summary>Saves a new activity with its event and answers it as the database has it.</summary>
    public async Task<ActivityView> SaveNewAsync(Activity activity, CancellationToken ct)
    {
        var dealOwnerId = activity.DealId is { } dealId
            ? await db.Deals.Where(d => d.Id == dealId).Select(d => (long?)d.UserId).SingleOrDefaultAsync(ct)
            : null;
        await SaveAsync(activity, dealOwnerId, "created", ct);
        return await ViewAsync(activity.Id, ct);
    }

    public async Task<ActivityView> ViewAsync(long id, CancellationToken ct) =>
        (await ActivityRow.Of(db, db.Activities.AsNoTracking().Where(a => a.Id == id)).SingleAsync(ct)).ToView(calendar.Now());

    private async Task SaveAsync(Activity activity, long? dealOwnerId, string change, CancellationToken ct)
    {
        db.TellOnCommit(BoardEvent.ActivityChanged(change, activity.TenantId, activity.Id,
            activity.LeadId, activity.DealId, activity.UserId, dealOwnerId));
        await db.SaveChangesAsync(ct);
    }
}

/// <summary>An activity found for a change (<see cref="ActivityWrites.FindAsync"/>), with the caller's name.</summary>
internal sealed record ActivityToChange(NamedActivity Named, string? CallerName)
{
    public Activity Activity => Named.Activity;
}
