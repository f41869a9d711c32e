using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;

namespace WorkshopCrm.Modules.Pipeline.Exports;

internal sealed record ExportActivitiesRequest : IExportRequest, IActivityFilter
{
    public string? Format { get; init; }
    public string? Scope { get; init; }
    public long? OwnerId { get; init; }
    public long? DealId { get; init; }
    public long? LeadId { get; init; }
    public DateOnly? From { get; init; }
    public DateOnly? To { get; init; }
}

internal sealed class ExportActivitiesValidator : Validator<ExportActivitiesRequest>
{
    public ExportActivitiesValidator()
    {
        ActivityFilters.Rules(this);
        ExportRules.Apply(this);
    }
}

internal sealed record ActivityLine(
    long TypeId, string Subject, DateOnly DueDate, TimeOnly? DueTime, string Lead, string? Deal, string Owner, DateTimeOffset? DoneAt, string? Outcome);

/// <summary>The agenda as a file: the activities list's scope, owner, deal, lead and date filters, in the list's order.</summary>
internal sealed class ExportActivities(PipelineDb db, Access access, CompanyCalendar calendar, ExportFile file) : Endpoint<ExportActivitiesRequest>
{
    public override void Configure()
    {
        Get("/api/exports/activities");
        Description(x => x.Produces(StatusCodes.Status200OK, null, "text/csv", XlsxSheet.ContentType));
        Summary(s => s.Summary = "The agenda as a file (format=csv|xlsx), with the activities list's filters");
    }

    public override async Task HandleAsync(ExportActivitiesRequest req, CancellationToken ct)
    {
        var lines = access.VisibleActivities().AsNoTracking()
            .Matching(req, calendar.Now().Today)
            .InListOrder(req.Scope)
            .Select(a => new ActivityLine(a.ActivityTypeId, a.Subject, a.DueDate, a.DueTime, a.Lead!.Name, a.Deal!.Title,
                db.Members.Where(m => m.UserId == a.UserId).Select(m => m.Name).First(), a.DoneAt, a.Outcome));

        var en = ExportFile.English(HttpContext);
        var table = new ExportTable("activities", en ? "Activities" : "Atividades",
            en
                ? ["Type", "Subject", "Due date", "Time", "Lead", "Deal", "Owner", "Done at", "Outcome"]
                : ["Tipo", "Assunto", "Data", "Hora", "Lead", "Negócio", "Responsável", "Concluída em", "Resultado"],
            ExportFile.Rows(lines, a => [en ? ActivityType.NameOf(a.TypeId) : ActivityType.PortugueseNameOf(a.TypeId), a.Subject, a.DueDate, a.DueTime,
                a.Lead, a.Deal, a.Owner, file.Local(a.DoneAt), a.Outcome], ct));
        await file.SendAsync(HttpContext, table, req.Format, ExportFile.Filters(("scope", req.Scope), ("ownerId", req.OwnerId),
            ("dealId", req.DealId), ("leadId", req.LeadId), ("from", req.From), ("to", req.To)), ct);
    }
}
