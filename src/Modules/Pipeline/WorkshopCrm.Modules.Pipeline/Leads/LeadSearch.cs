namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>How a search text matches leads: anywhere in name, e-mail and phone, accents and case ignored (ADR 0015).</summary>
internal static class LeadSearch
{
    /// <summary>
    /// The shadow property of leads.search_text: pipeline.lead_search_text(name, email, phone), stored (a generated
    /// column), with leads_search_trgm_index on (tenant_id, search_text). Queries match on it with
    /// <c>EF.Property&lt;string&gt;(lead, LeadSearch.Column)</c>.
    /// </summary>
    public const string Column = "SearchText";

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";
}
