using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Me;

internal sealed record UpdateMeRequest(string Name, bool? DailyDigest);

internal sealed class UpdateMeValidator : Validator<UpdateMeRequest>
{
    public UpdateMeValidator() => RuleFor(r => r.Name).RequiredLine(255);
}

/// <summary>
/// Changes one's own display name (other modules' copies follow through UserProfileChanged) and, when sent, whether the
/// 07:00 activity digest comes (read by Identity itself when it sends the digest).
/// </summary>
internal sealed class UpdateMe(IdentityDb db, ICurrentUser caller, TimeProvider clock) : Endpoint<UpdateMeRequest, UserView>
{
    public override void Configure()
    {
        Put("/api/me");
        Summary(s => s.Summary = "Change my name and whether the daily digest e-mail comes");
    }

    public override async Task HandleAsync(UpdateMeRequest req, CancellationToken ct)
    {
        var user = await db.Users.Include(u => u.Tenant).SingleAsync(u => u.Id == caller.UserId, ct);
        var name = req.Name.Trim();
        if (name != user.Name)
        {
            user.Name = name;
            db.Publish(new UserProfileChanged(user.Id, user.TenantId, user.Name, user.Email, clock.GetUtcNow()));
        }

        if (req.DailyDigest is { } digest)
            user.DailyDigest = digest;
        await db.SaveChangesAsync(ct);

        await Send.OkAsync(UserViews.Of(user, user.Tenant!), ct);
    }
}
