namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>How a search text matches leads: anywhere in name, e-mail and phone, accents and case ignored (ADR 0015).</summary>
internal static class LeadSearch
{
    /// <summary>
    /// Joins name, e-mail and phone in the searched text (and in leads_search_trgm_index's expression, which must stay
    /// the same): a control character, which no field and no search text may contain.
    /// </summary>
    public const string Separator = "\u0001";

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
