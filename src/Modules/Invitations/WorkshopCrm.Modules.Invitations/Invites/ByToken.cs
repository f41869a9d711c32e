using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>
/// Finding an invitation by its link, across companies (the token is the capability): the db passed in is a unit of
/// work from <see cref="ModuleDbFactory{TDb}.AcrossTenants"/>.
/// </summary>
internal static class ByToken
{
    public static async Task<Invitation?> FindAsync(InvitationsDb db, string token, CancellationToken ct, bool forUpdate = false)
    {
        if (!OneTimeSecret.LooksValid(token))
            return null;
        var hash = OneTimeSecret.Hash(token);
        return forUpdate
            ? await db.Invitations.FromSql($"SELECT * FROM invitations.invitations WHERE token = {hash} FOR UPDATE").IgnoreQueryFilters().SingleOrDefaultAsync(ct)
            : await db.Invitations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Token == hash, ct);
    }

    /// <summary>Unknown or malformed 404, revoked or expired 410, accepted 409; null when the link works.</summary>
    public static ProblemHttpResult? Refusal(Invitation? invitation, DateTimeOffset now) => invitation?.EffectiveStatus(now) switch
    {
        null => Problems.NotFound("invitation.not_found", "This invitation link is not valid."),
        InvitationStatus.Revoked => Problems.Of(StatusCodes.Status410Gone, "invitation.revoked", "This invitation was withdrawn. Ask for a new one."),
        InvitationStatus.Expired => Problems.Of(StatusCodes.Status410Gone, "invitation.expired", "This invitation has expired. Ask for a new one."),
        InvitationStatus.Accepted => Problems.Conflict("invitation.accepted", "This invitation was already accepted. Sign in instead."),
        _ => null,
    };
}
