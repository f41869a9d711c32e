using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Audit;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Team;

/// <summary>Whom to deactivate, and optionally who takes over its open deals and leads.</summary>
internal sealed record DeactivateUserRequest
{
    public long Id { get; init; }

    /// <summary>An active user of the company (not the one deactivated): its open deals and its leads pass to this one.</summary>
    public long? HandOverTo { get; init; }
}

/// <summary>
/// A Business Owner sets a colleague Inactive: it cannot sign in, its sessions end and its access token is refused
/// on the next request. Not oneself, and never the last active Business Owner. Its leads and deals stay with it, or
/// pass to <c>handOverTo</c>: the deactivation event carries the choice to Pipeline, which applies it exactly once.
/// </summary>
internal sealed class DeactivateUser(IdentityDb db, ICurrentUser caller, SessionRevocation revocation, TimeProvider clock) : Endpoint<DeactivateUserRequest, Results<NoContent, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/users/{id}/deactivate");
        Roles(CrmRoles.BusinessOwner);
        // The body is optional: a POST without one (no hand-over) is as good as `{}`. FastEndpoints answers 415 to a
        // request without a content type when the endpoint declares one, so the default declaration goes.
        Description(x => x.ClearDefaultAccepts().Produces(StatusCodes.Status404NotFound).Produces(StatusCodes.Status409Conflict));
        Summary(s => s.Summary = "Deactivate a user (Business Owner)");
    }

    public override async Task<Results<NoContent, ProblemHttpResult>> ExecuteAsync(DeactivateUserRequest req, CancellationToken ct)
    {
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await TeamLock.TakeAsync(db, caller.TenantId, ct);
        var user = await db.Users.SingleOrDefaultAsync(u => u.Id == req.Id, ct);
        if (user is null)
            return Problems.NotFound("identity.user_not_found", "No such user.");

        // The company's users only (the tenant filter): another company's id reads as no user at all.
        if (req.HandOverTo is { } heir
            && (heir == user.Id || !await db.Users.AnyAsync(u => u.Id == heir && u.UserStatusId == UserStatus.Active, ct)))
        {
            return Problems.Field("handOverTo", "The owner must be an active user of your company.", "identity.hand_over_invalid");
        }

        if (user.Id == caller.UserId)
            return Problems.Conflict("identity.cannot_deactivate_self", "You cannot deactivate yourself.");

        if (!user.IsActive)
            return TypedResults.NoContent();

        if (user.RoleId == Role.BusinessOwner
            && !await db.Users.AnyAsync(u => u.Id != user.Id && u.RoleId == Role.BusinessOwner && u.UserStatusId == UserStatus.Active, ct))
        {
            return Problems.Conflict("identity.last_owner", "The company needs at least one active Business Owner.");
        }

        user.UserStatusId = UserStatus.Inactive;
        await revocation.EndAllOfUserAsync(db, user.Id, keep: null, ct);
        var now = clock.GetUtcNow();
        db.Publish(new UserDeactivated(user.Id, user.TenantId, now, req.HandOverTo));
        await AuditTrail.AppendAsync(db, caller.UserId, AuditActions.UserDeactivated, Subjects.User(user), ClientAddress.Of(HttpContext), now, ct);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return TypedResults.NoContent();
    }
}
