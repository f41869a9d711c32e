using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.WhatsApp.Data;

namespace WorkshopCrm.Modules.WhatsApp.Templates;

/// <summary>The company's saved replies, by name (everyone reads them; the reply box offers them after "/").</summary>
internal sealed class ListTemplates(WhatsAppDb db) : EndpointWithoutRequest<IReadOnlyList<TemplateView>>
{
    public override void Configure()
    {
        Get("/api/whatsapp/templates");
        Summary(s => s.Summary = "Saved replies");
    }

    public override async Task HandleAsync(CancellationToken ct) =>
        await Send.OkAsync(await db.Templates.AsNoTracking().OrderBy(t => t.Name).ThenBy(t => t.Id)
            .Select(t => new TemplateView(t.Id, t.Name, t.Body)).ToListAsync(ct), ct);
}
