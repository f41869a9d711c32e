using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Board;

internal static class BoardFilters
{
    /// <summary>A Salesperson's board is its own deals, whatever owner it asks for.</summary>
    public static BoardFilter For(ICurrentUser caller, long? ownerId, string? search) => new(
        caller.TenantId,
        caller.IsBusinessOwner ? ownerId : caller.UserId,
        string.IsNullOrWhiteSpace(search) ? null : LeadSearch.Contains(search));

    /// <summary>
    /// The deals a board filter shows, as a query (the export of the board): the conditions BoardQuery writes in SQL —
    /// the owner, and the search in the title or the lead's name or e-mail, accents and case ignored.
    /// </summary>
    public static IQueryable<Deal> Matching(this IQueryable<Deal> deals, BoardFilter filter)
    {
        if (filter.OwnerId is { } ownerId)
            deals = deals.Where(d => d.UserId == ownerId);
        if (filter.Search is { } pattern)
        {
            deals = deals.Where(d => EF.Functions.ILike(Unaccented.Text(d.Title), Unaccented.Text(pattern), "\\")
                || EF.Functions.ILike(Unaccented.Text(d.Lead!.Name), Unaccented.Text(pattern), "\\")
                || EF.Functions.ILike(Unaccented.Text(d.Lead!.Email), Unaccented.Text(pattern), "\\"));
        }

        return deals;
    }

    /// <summary>Rows were fetched one past the page: if that one is there, the page's last card is the cursor.</summary>
    public static string? NextCursor(List<CardRow> rows, int pageSize) =>
        rows.Count > pageSize ? new ColumnCursor(rows[pageSize - 1].SortOrder, rows[pageSize - 1].Id).Encode() : null;
}
