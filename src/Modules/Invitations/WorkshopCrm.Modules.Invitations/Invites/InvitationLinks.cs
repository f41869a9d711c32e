using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Invitations;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Auth;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>Issuing an invitation's link: a fresh one-time token (only its hash kept), its expiry, and the mail about it.</summary>
internal sealed class InvitationLinks(IOptions<InvitationOptions> options, IOptions<AppOptions> app, TimeProvider clock)
{
    /// <summary>A fresh token for the invitation (its hash stored, the old link dead) and the event that mails it.</summary>
    public string Issue(InvitationsDb db, Invitation invitation, InvitationCheckAnswer inviter)
    {
        var now = clock.GetUtcNow();
        var token = OneTimeSecret.New();
        invitation.Token = OneTimeSecret.Hash(token);
        invitation.ExpiresAt = now + options.Value.Lifetime;
        invitation.InvitationStatusId = InvitationStatus.Pending;
        db.Publish(new InvitationSent(invitation.Id, invitation.TenantId, invitation.Email, token, inviter.CompanyName, inviter.InviterName,
            inviter.InviterLocale, invitation.ExpiresAt, now), carriesSecret: true);
        return token;
    }

    /// <summary>The page the invited person opens.</summary>
    public string LinkFor(string token) => app.Value.LinkTo($"invite/{token}");
}
