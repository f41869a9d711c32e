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

    /// <summary>Rows were fetched one past the page: if that one is there, the page's last card is the cursor.</summary>
    public static string? NextCursor(List<CardRow> rows, int pageSize) =>
        rows.Count > pageSize ? new ColumnCursor(rows[pageSize - 1].SortOrder, rows[pageSize - 1].Id).Encode() : null;
}
