using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using WorkshopCrm.Contracts.Identity;

namespace WorkshopCrm.Modules.Identity.Me;

/// <summary>The signed-in user, fresh from the database (status and verification may have changed since sign-in).</summary>
internal sealed class GetMe(IdentityDb db, ICurrentUser caller) : EndpointWithoutRequest<UserView>
{
    public override void Configure()
    {
        Get("/api/me");
        Summary(s => s.Summary = "Who am I");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var user = await db.Users.AsNoTracking().Include(u => u.Tenant).SingleOrDefaultAsync(u => u.Id == caller.UserId, ct);
        if (user is null)
        {
            await Send.ResultAsync(Problems.Unauthorized("auth.unauthenticated", "Sign in again."));
            return;
        }

        await Send.OkAsync(UserViews.Of(user, user.Tenant!), ct);
    }
}
