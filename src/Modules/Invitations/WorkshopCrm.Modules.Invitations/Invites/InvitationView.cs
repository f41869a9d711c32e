namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record Inviter(long Id, string Name);

/// <summary>An invitation as the team screen lists it; <c>link</c> only right after sending (the token is not kept).</summary>
internal sealed record InvitationView(long Id, string Email, string Status, Inviter InvitedBy, DateTimeOffset ExpiresAt, DateTimeOffset? CreatedAt, string? Link)
{
    /// <param name="names">The inviters' names by user id, as Identity answered them.</param>
    public static InvitationView Of(Invitation i, IReadOnlyDictionary<long, string> names, DateTimeOffset now, string? link = null) =>
        new(i.Id, i.Email, InvitationStatus.NameOf(i.EffectiveStatus(now)), new Inviter(i.InvitedByUserId, names.GetValueOrDefault(i.InvitedByUserId, "")),
            i.ExpiresAt, i.CreatedAt, link);
}
