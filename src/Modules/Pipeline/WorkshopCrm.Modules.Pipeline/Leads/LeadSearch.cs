namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>How a search text matches leads: anywhere in name, e-mail and phone, accents and case ignored (ADR 0015).</summary>
internal static class LeadSearch
{
    /// <summary>
    /// pipeline.lead_search_text(name, email, phone) (migration LeadSearchUnderRowLevelSecurity): name, e-mail and phone
    /// joined by U+0001 (a control character no field and no search text may contain, so a match never spans two
    /// fields), without accents; leads_search_trgm_index is built on it. Translated to SQL by
    /// EF (mapped in PipelineDb); never runs in .NET.
    /// </summary>
    public static string Text(string name, string email, string? phone) =>
        throw new InvalidOperationException("pipeline.lead_search_text runs in the database only.");

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
