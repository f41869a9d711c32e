using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>An e-mail invitation for a new Salesperson: token-based (stored hashed), time-limited.</summary>
internal sealed class Invitation : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long InvitedByUserId { get; set; }
    public long InvitationStatusId { get; set; }
    public required string Email { get; set; }

    /// <summary>SHA-256 of the link's token (docs/adr/0012).</summary>
    public required string Token { get; set; }

    public DateTimeOffset ExpiresAt { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    /// <summary>What a person sees: a Pending invitation past its expiry is Expired even before the job marks it.</summary>
    public long EffectiveStatus(DateTimeOffset now) =>
        InvitationStatusId == InvitationStatus.Pending && ExpiresAt <= now ? InvitationStatus.Expired : InvitationStatusId;
}

/// <summary>invitations.invitation_statuses: Pending → Accepted | Revoked | Expired.</summary>
internal sealed class InvitationStatus : IHasTimestamps
{
    public const long Pending = 1;
    public const long Accepted = 2;
    public const long Revoked = 3;
    public const long Expired = 4;

    public static readonly string[] Names = ["", "Pending", "Accepted", "Revoked", "Expired"];

    public long Id { get; set; }
    public required string Name { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static string NameOf(long id) => Names[id];

    public static long? IdOf(string? name) =>
        Array.FindIndex(Names, n => n.Length > 0 && string.Equals(n, name, StringComparison.OrdinalIgnoreCase)) is var i and > 0 ? i : null;
}
