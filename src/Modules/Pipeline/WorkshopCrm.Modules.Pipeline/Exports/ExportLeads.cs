using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Exports;

internal sealed record ExportLeadsRequest : IExportRequest
{
    public string? Format { get; init; }
    public string? Search { get; init; }
    public long? OwnerId { get; init; }
}

internal sealed class ExportLeadsValidator : Validator<ExportLeadsRequest>
{
    public ExportLeadsValidator()
    {
        RuleFor(r => r.Search).OptionalLine(255);
        ExportRules.Apply(this);
    }
}

internal sealed record LeadLine(string Name, string Email, string? Phone, string Owner, DateTimeOffset? CreatedAt);

/// <summary>The leads list (same search and owner filter, same order) as a CSV or XLSX file of what the caller can see.</summary>
internal sealed class ExportLeads(PipelineDb db, Access access, ExportFile file) : Endpoint<ExportLeadsRequest>
{
    public override void Configure()
    {
        Get("/api/exports/leads");
        Description(x => x.Produces(StatusCodes.Status200OK, null, "text/csv", XlsxSheet.ContentType));
        Summary(s => s.Summary = "The leads list as a file (format=csv|xlsx), with the list's search and owner filter");
    }

    public override async Task HandleAsync(ExportLeadsRequest req, CancellationToken ct)
    {
        var leads = access.VisibleLeads().AsNoTracking();
        if (req.OwnerId is { } ownerId)
            leads = leads.Where(l => l.UserId == ownerId);
        if (!string.IsNullOrWhiteSpace(req.Search))
            leads = leads.Matching(req.Search);
        var lines = leads.OrderBy(l => l.Name).ThenBy(l => l.Id)
            .Select(l => new LeadLine(l.Name, l.Email, l.Phone, db.Members.Where(m => m.UserId == l.UserId).Select(m => m.Name).First(), l.CreatedAt));

        var en = ExportFile.English(HttpContext);
        var table = new ExportTable("leads", "Leads",
            en ? ["Name", "E-mail", "Phone", "Owner", "Created"] : ["Nome", "E-mail", "Telefone", "Responsável", "Criado em"],
            ExportFile.Rows(lines, l => [l.Name, l.Email, l.Phone, l.Owner, file.Local(l.CreatedAt)], ct));
        await file.SendAsync(HttpContext, table, req.Format,
            ExportFile.Filters(("ownerId", req.OwnerId), ("search", !string.IsNullOrWhiteSpace(req.Search))), ct);
    }
}
