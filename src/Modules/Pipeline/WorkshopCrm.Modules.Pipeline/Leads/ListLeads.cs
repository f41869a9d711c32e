using WorkshopCrm.Modules.Pipeline.Board;
using Microsoft.Extensions.Options;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Leads;

internal sealed record ListLeadsRequest : IPaged
{
    public string? Search { get; init; }
    public long? OwnerId { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListLeadsValidator : Validator<ListLeadsRequest>
{
    public ListLeadsValidator()
    {
        this.ValidPaging();
        RuleFor(r => r.Search).OptionalLine(255);
    }
}

/// <summary>Leads the caller can see, searchable by a piece of name, e-mail or phone, by name.</summary>
internal sealed class ListLeads(PipelineDb db, Access access, IOptions<PipelineOptions> options) : Endpoint<ListLeadsRequest, PagedList<LeadView>>
{
    /// <summary>A parameter, not the constant 0, so EF keeps the OFFSET that fences the search's subquery.</summary>
    private static int NoRowsSkipped => 0;

    public override void Configure()
    {
        Get("/api/leads");
        Summary(s => s.Summary = "Leads: search by name, e-mail or phone; filter by owner");
    }

    public override async Task HandleAsync(ListLeadsRequest req, CancellationToken ct)
    {
        var leads = access.VisibleLeads().AsNoTracking();
        if (req.OwnerId is { } ownerId)
            leads = leads.Where(l => l.UserId == ownerId);
        var countCap = options.Value.SearchCountCap;
        var searching = !string.IsNullOrWhiteSpace(req.Search);
        if (searching)
            leads = leads.Matching(req.Search!);

        // Three letters or more, pg_trgm narrows the search to its candidates: find them all (trigram index), count them
        // as they are read (count(*) OVER (), exact), then sort them by name for the page. One scan of the matches: a
        // separate count scanned them a second time (docs/performance.md, issue 15). The OFFSET fences the subquery: without
        // it the planner sometimes walked leads_tenant_name_index in name order testing every lead against a rare text
        // (8,000 buffers a search in the bench). Shorter texts match most leads: walking the names and stopping at the page
        // is then the cheap plan, and their count is a second statement-level subquery that stops at
        // Pipeline:SearchCountCap + 1: counting 50,000 matches exactly cost more than the page itself, for a number nobody
        // pages through ("10.000+" says it). Without a search, the count is only asked for when the page is full (below).
        var countedAll = searching && req.Search!.Trim().Length >= 3;
        var found = !searching ? leads.Select(l => new { Lead = l, Matches = -1 })
            : countedAll ? leads.Skip(NoRowsSkipped).Select(l => new { Lead = l, Matches = LeadSearch.RowsFound() })
            : leads.Select(l => new { Lead = l, Matches = leads.Take(countCap + 1).Count() });
        var page = found.OrderBy(x => x.Lead.Name).ThenBy(x => x.Lead.Id).Skip(req.Skip()).Take(req.PageSize);
        // Ordered again after the page: EF then makes the page a subquery, and the select list's subqueries below run for
        // its rows only; in one query level PostgreSQL ran them for every row the OFFSET skipped too (page 20 of the list:
        // 950 rows, 8,600 buffers). Not for a counted search: EF keeps count(*) OVER () in the outermost select, which must
        // then be the level that still holds every match (its later pages run the subqueries for the skipped rows).
        if (!countedAll)
            page = page.OrderBy(x => x.Lead.Name).ThenBy(x => x.Lead.Id);

        var deals = access.VisibleDeals();
        // Owner name and deal count are correlated subqueries in the select list: PostgreSQL evaluates them after the
        // sort and the page, for the page's rows only (loops=50 in the plan, docs/performance.md), not for every match.
        // A search is planned for its text each time (ADR 0033): a generic plan unaccented the pattern for every candidate.
        var rows = await (searching ? page.PlannedForItsValues() : page)
            .Select(x => new
            {
                View = new LeadView(x.Lead.Id, x.Lead.Name, x.Lead.Email, x.Lead.Phone, x.Lead.UserId,
                    db.Members.Where(m => m.UserId == x.Lead.UserId).Select(m => m.Name).First(),
                    deals.Count(d => d.LeadId == x.Lead.Id), x.Lead.CreatedAt),
                x.Matches,
            })
            .ToListAsync(ct);
        var items = rows.ConvertAll(r => r.View);
        // Without a search the list walks the name order and stops at the page; then a page that is not full is the
        // last one (an empty first page: there is none) and tells the exact total, and only a full page (or an empty
        // later one) needs the count.
        var counted = rows.Count > 0 && searching;
        var total = counted
            ? rows[0].Matches
            : items.Count < req.PageSize && (items.Count > 0 || req.Page == 1)
                ? req.Skip() + items.Count
                : await leads.Take(countCap + 1).CountAsync(ct); // capped like a search: 50,000 leads counted exactly cost 33 ms a page
        var capped = total > countCap && !(counted && countedAll);
        await Send.OkAsync(new PagedList<LeadView>(items, req.Page, req.PageSize, capped ? countCap : total, capped), ct);
    }
}
