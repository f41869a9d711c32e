using Microsoft.EntityFrameworkCore;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>How a search text matches leads: anywhere in name, e-mail and phone, accents and case ignored (ADR 0015).</summary>
internal static class LeadSearch
{
    /// <summary>
    /// The shadow property of leads.search_text: pipeline.lead_search_text(name, email, phone), lower case and without
    /// accents, stored (a generated column), with leads_search_trgm_index on (tenant_id, search_text). Queries match on
    /// it with <c>EF.Property&lt;string&gt;(lead, LeadSearch.Column)</c>.
    /// </summary>
    public const string Column = "SearchText";

    /// <summary>A LIKE pattern that matches the text anywhere, with the user's % and _ taken literally.</summary>
    public static string Contains(string search) =>
        "%" + search.Trim().Replace("\\", "\\\\", StringComparison.Ordinal).Replace("%", "\\%", StringComparison.Ordinal).Replace("_", "\\_", StringComparison.Ordinal) + "%";

    /// <summary>
    /// The leads whose name, e-mail or phone hold <paramref name="search"/>: one LIKE over name, e-mail and phone joined
    /// by a control character. A search text cannot contain one (the validators refuse it), so a match never spans two
    /// fields and this finds what three OR-ed ILIKEs found; but it is one condition with statistics of its own (the OR
    /// was estimated at 13x the matches and planned as a sequential scan) and one comparison per candidate, served by
    /// leads_search_trgm_index.
    /// </summary>
    public static IQueryable<Lead> Matching(this IQueryable<Lead> leads, string search)
    {
        var pattern = Contains(search);
        // The searched text is the stored column leads.search_text, pipeline.lead_search_text(name, email, phone)
        // (migrations LeadSearchColumn, LeadSearchInLowerCase), the index's column: no function runs per candidate row.
        // The escape character is named, or EF sends ESCAPE '' and the user's % and _, which Contains escapes with a
        // backslash, matched nothing. Both sides without accents (ADR 0015) and in lower case: a plain LIKE, which
        // compares bytes, where ILIKE lower-cased both texts again for every candidate (a third of a search's time).
        return leads.Where(l => EF.Functions.Like(EF.Property<string>(l, Column), Lower(Unaccented.Text(pattern)), "\\"));
    }

    /// <summary>SQL's lower(text), as the stored column is made (mapped in PipelineDb; never runs in .NET).</summary>
    public static string Lower(string text) => throw new InvalidOperationException("lower() runs in the database only.");

    /// <summary>
    /// How many rows the query it stands in has before its ORDER BY, LIMIT and OFFSET: <c>count(*) OVER ()</c>, counted
    /// while the rows are read for the page (mapped in PipelineDb; never runs in .NET).
    /// </summary>
    public static int RowsFound() => throw new InvalidOperationException("count(*) OVER () runs in the database only.");
}
