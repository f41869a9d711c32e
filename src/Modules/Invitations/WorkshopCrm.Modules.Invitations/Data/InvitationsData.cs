using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Invitations.Data;

/// <summary>Invitations' tables in the company's ZIP (ADR 0023): who was invited, by whom, and what came of it; never the token.</summary>
internal sealed class InvitationsData : ITenantDataExport
{
    public string Schema => InvitationsDb.SchemaName;

    public IReadOnlyList<ExportedTable> Tables { get; } =
    [
        new("invitation_statuses", "SELECT id, name FROM invitations.invitation_statuses ORDER BY id"),
        new("invitations",
            """
            SELECT id, email, invitation_status_id, invited_by_user_id, expires_at, created_at, updated_at
            FROM invitations.invitations WHERE tenant_id = $1 ORDER BY id
            """),
    ];

    public IReadOnlyDictionary<string, string> Withheld { get; } = new Dictionary<string, string>();
}
