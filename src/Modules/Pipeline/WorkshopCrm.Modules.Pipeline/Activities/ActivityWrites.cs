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
        // The deal came with the activity when the caller loaded it (Include): no query for its owner then.
        var dealOwnerId = activity.Deal?.UserId ?? (activity.DealId is { } dealId
            ? await db.Deals.Where(d => d.Id == dealId).Select(d => (long?)d.UserId).SingleOrDefaultAsync(ct)
            : null);
        db.Publish(new ActivityChanged(activity.TenantId, activity.Id, change,
            activity.LeadId, activity.DealId, activity.UserId, dealOwnerId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        return await ViewAsync(activity.Id, ct);
    }

    public async Task<ActivityView> ViewAsync(long id, CancellationToken ct) =>
        (await ActivityRow.Of(db, db.Activities.AsNoTracking().Where(a => a.Id == id)).SingleAsync(ct)).ToView(calendar.Now());
}
