using WorkshopCrm.Shared.Modules;

namespace WorkshopCrm.Modules.Identity.Data;

/// <summary>
/// Identity's tables in the company's ZIP (ADR 0023): the company itself, its people and the role and status lookups.
/// Never a password hash, a sign-in or a token: the columns are named one by one.
/// </summary>
internal sealed class IdentityData : ITenantDataExport
{
    public string Schema => IdentityDb.SchemaName;

    public IReadOnlyList<ExportedTable> Tables { get; } =
    [
        new("tenants", "SELECT id, name, created_at, updated_at FROM identity.tenants WHERE id = $1"),
        new("roles", "SELECT id, name FROM identity.roles ORDER BY id"),
        new("user_statuses", "SELECT id, name FROM identity.user_statuses ORDER BY id"),
        new("users",
            """
            SELECT id, role_id, user_status_id, name, email, email_verified_at, locale, daily_digest, created_at, updated_at
            FROM identity.users WHERE tenant_id = $1 ORDER BY id
            """),
        new("audit_actions", "SELECT id, name FROM identity.audit_actions ORDER BY id"),
        new("audit_log",
            """
            SELECT id, user_id, user_name, audit_action_id, subject, ip_address, occurred_at
            FROM identity.audit_log WHERE tenant_id = $1 ORDER BY id
            """),
    ];

    public IReadOnlyDictionary<string, string> Withheld { get; } = new Dictionary<string, string>
    {
        ["sessions"] = "sign-ins: hashed refresh tokens, addresses and browsers",
        ["password_reset_tokens"] = "hashed one-time tokens",
        ["email_verification_tokens"] = "hashed one-time tokens",
        ["rate_limit_windows"] = "attempt counters of sign-in addresses and hashed e-mails, not the company's data",
    };
}
