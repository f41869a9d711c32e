using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Me;

/// <summary>The signed-in user, fresh from the database (status and verification may have changed since sign-in).</summary>
internal sealed class GetMe(IdentityDb db, ICurrentUser caller) : EndpointWithoutRequest<Results<Ok<UserView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Get("/api/me");
        Summary(s => s.Summary = "Who am I");
    }

    public override async Task<Results<Ok<UserView>, ProblemHttpResult>> ExecuteAsync(CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Tenant).SingleOrDefaultAsync(u => u.Id == caller.UserId, ct);
        if (user is null)
            return Problems.Unauthorized("auth.unauthenticated", "Sign in again.");

        return TypedResults.Ok(UserViews.Of(user, user.Tenant!));
    }
}
