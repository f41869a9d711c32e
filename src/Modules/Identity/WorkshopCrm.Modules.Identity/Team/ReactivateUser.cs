using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Audit;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Team;

internal sealed record UserIdRequest(long Id);

/// <summary>A Business Owner lets an Inactive colleague sign in again.</summary>
internal sealed class ReactivateUser(IdentityDb db, ICurrentUser caller, TimeProvider clock) : Endpoint<UserIdRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/users/{id}/reactivate");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status404NotFound));
        Summary(s => s.Summary = "Reactivate a user (Business Owner)");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(UserIdRequest req, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await TeamLock.TakeAsync(db, caller.TenantId, ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == req.Id, ct);
        if (user is null)
            return Problems.NotFound("identity.user_not_found", "No such user.");

        if (!user.IsActive)
        {
            var now = clock.GetUtcNow();
            user.UserStatusId = UserStatus.Active;
            db.Publish(new UserReactivated(user.Id, user.TenantId, now));
            await AuditTrail.AppendAsync(db, caller.UserId, AuditActions.UserReactivated, Subjects.User(user), ClientAddress.Of(HttpContext), now, ct);
            await db.SaveChangesAsync(ct);
        }

        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
