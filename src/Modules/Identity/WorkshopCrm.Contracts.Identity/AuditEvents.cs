namespace WorkshopCrm.Contracts.Identity;

/// <summary>
/// What the company's audit log records (GET /api/audit, Business Owner only): the action names every module uses.
/// </summary>
public static class AuditActions
{
    /// <summary>A spreadsheet import ran (subject: the import's id, file name and counts).</summary>
    public const string Import = "import";

    /// <summary>Leads, deals or activities were exported (subject: what, in which format, with which filters).</summary>
    public const string Export = "export";

    /// <summary>The whole company's data was downloaded as a ZIP.</summary>
    public const string CompanyExport = "company_export";

    /// <summary>A lead's personal data was handed out (LGPD art. 18).</summary>
    public const string PersonalData = "personal_data";

    /// <summary>A lead was anonymized.</summary>
    public const string Anonymize = "anonymize";

    /// <summary>A lead was deleted.</summary>
    public const string LeadDeleted = "lead_deleted";

    /// <summary>A user was deactivated.</summary>
    public const string UserDeactivated = "user_deactivated";

    /// <summary>A user was reactivated.</summary>
    public const string UserReactivated = "user_reactivated";

    /// <summary>A user's role changed.</summary>
    public const string RoleChanged = "role_changed";

    /// <summary>The company and all its data were deleted.</summary>
    public const string CompanyDeleted = "company_deleted";
}

/// <summary>
/// Something the audit log keeps happened in a module other than Identity. The module adds this to its outbox in the
/// transaction of the action; Identity appends it to the company's audit log, once.
/// </summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">Who did it, or null for the system.</param>
/// <param name="Action">One of <see cref="AuditActions"/>.</param>
/// <param name="Subject">What it was about, in a few words (ids, counts, a file name; never a lead's personal data).</param>
/// <param name="Address">The caller's IP address, when it came from a request.</param>
/// <param name="OccurredAt">When it happened (UTC).</param>
public sealed record AuditRecorded(long TenantId, long? UserId, string Action, string Subject, string? Address, DateTimeOffset OccurredAt);
