using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Reports;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Exports;

internal sealed record ExportDealsRequest : IExportRequest
{
    public string? Format { get; init; }
    public long? OwnerId { get; init; }
    public string? Search { get; init; }
}

internal sealed class ExportDealsValidator : Validator<ExportDealsRequest>
{
    public ExportDealsValidator()
    {
        RuleFor(r => r.Search).OptionalLine(255);
        ExportRules.Apply(this);
    }
}

internal sealed record DealLine(
    string Title, string Lead, string LeadEmail, long StageId, decimal Value, string Owner, string? LossReason, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt);

/// <summary>
/// The board as a file: every deal the board shows with the same owner and search filter (a Salesperson its own), in
/// board order (stage, then position), not just each column's first cards.
/// </summary>
internal sealed class ExportDeals(PipelineDb db, Access access, ICurrentUser caller, ExportFile file) : Endpoint<ExportDealsRequest>
{
    public override void Configure()
    {
        Get("/api/exports/deals");
        Description(x => x.Produces(StatusCodes.Status200OK, null, "text/csv", XlsxSheet.ContentType));
        Summary(s => s.Summary = "The board's deals as a file (format=csv|xlsx), with the board's owner and search filter");
    }

    public override async Task HandleAsync(ExportDealsRequest req, CancellationToken ct)
    {
        var lines = access.VisibleDeals().AsNoTracking()
            .Matching(BoardFilters.For(caller, req.OwnerId, req.Search))
            .OrderBy(d => d.PipelineStageId).ThenBy(d => d.SortOrder).ThenBy(d => d.Id)
            .Select(d => new DealLine(d.Title, d.Lead!.Name, d.Lead.Email, d.PipelineStageId, d.Value,
                db.Members.Where(m => m.UserId == d.UserId).Select(m => m.Name).First(), d.LossReason, d.CreatedAt, d.UpdatedAt));

        var en = ExportFile.English(HttpContext);
        var table = new ExportTable("deals", en ? "Deals" : "Negócios",
            en
                ? ["Title", "Lead", "Lead e-mail", "Stage", "Value (R$)", "Owner", "Status", "Loss reason", "Created", "Updated"]
                : ["Título", "Lead", "E-mail do lead", "Etapa", "Valor (R$)", "Responsável", "Situação", "Motivo da perda", "Criado em", "Atualizado em"],
            ExportFile.Rows(lines, d => [d.Title, d.Lead, d.LeadEmail, ReportText.Stage(d.StageId, en), d.Value, d.Owner, Status(d.StageId, en),
                d.LossReason, file.Local(d.CreatedAt), file.Local(d.UpdatedAt)], ct));
        await file.SendAsync(HttpContext, table, req.Format,
            ExportFile.Filters(("ownerId", req.OwnerId), ("search", !string.IsNullOrWhiteSpace(req.Search))), ct);
    }

    private static string Status(long stageId, bool en) => stageId switch
    {
        PipelineStage.Won => en ? "Won" : "Ganho",
        PipelineStage.Lost => en ? "Lost" : "Perdido",
        _ => en ? "Open" : "Aberto",
    };
}
