using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
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
internal sealed class ListLeads(PipelineDb db, Access access) : Endpoint<ListLeadsRequest, PagedList<LeadView>>
{
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
        if (!string.IsNullOrWhiteSpace(req.Search))
        {
            var pattern = LeadRules.Contains(req.Search);
            leads = leads.Where(l => EF.Functions.ILike(l.Name, pattern) || EF.Functions.ILike(l.Email, pattern) || EF.Functions.ILike(l.Phone!, pattern));
        }

        var total = await leads.CountAsync(ct);
        var deals = access.VisibleDeals();
        var items = await leads.OrderBy(l => l.Name).ThenBy(l => l.Id).Skip(req.Skip()).Take(req.PageSize)
            .Select(l => new LeadView(l.Id, l.Name, l.Email, l.Phone, l.UserId,
                db.Members.Where(m => m.UserId == l.UserId).Select(m => m.Name).First(),
                deals.Count(d => d.LeadId == l.Id), l.CreatedAt))
            .ToListAsync(ct);
        await Send.OkAsync(new PagedList<LeadView>(items, req.Page, req.PageSize, total), ct);
    }
}
