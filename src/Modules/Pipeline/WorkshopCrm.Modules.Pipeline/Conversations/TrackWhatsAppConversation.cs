using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Contracts.WhatsApp;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.History;
using WorkshopCrm.Modules.Pipeline.Live;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Pipeline.Conversations;

/// <summary>
/// A WhatsApp message went in or out: the phone's conversation times move forward (never back: events are not
/// ordered), the open deals of the leads with that phone get a <c>whatsapp_in</c>/<c>whatsapp_out</c> entry in their
/// history, and open boards hear that those cards changed (awaiting reply).
/// </summary>
internal sealed class TrackWhatsAppConversation(ModuleDbFactory<PipelineDb> dbs) : IdempotentConsumer<WhatsAppMessageSeen, PipelineDb>(dbs)
{
    protected override long? TenantOf(WhatsAppMessageSeen m) => m.TenantId;

    protected override async Task HandleAsync(PipelineDb db, WhatsAppMessageSeen m, CancellationToken ct)
    {
        DateTimeOffset? inAt = m.FromMe ? null : m.At, outAt = m.FromMe ? m.At : null;
        await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO pipeline.whatsapp_conversations (tenant_id, phone, last_in_at, last_out_at)
             VALUES ({m.TenantId}, {m.Phone}, {inAt}, {outAt})
             ON CONFLICT (tenant_id, phone) DO UPDATE
             SET last_in_at = greatest(whatsapp_conversations.last_in_at, excluded.last_in_at),
                 last_out_at = greatest(whatsapp_conversations.last_out_at, excluded.last_out_at)
             """, ct);

        var deals = await db.Deals.AsNoTracking()
            .Where(d => d.PipelineStageId != PipelineStage.Won && d.PipelineStageId != PipelineStage.Lost)
            .Where(d => db.Leads.Any(l => l.Id == d.LeadId && EF.Property<string>(l, LeadPhone.Column) == m.Phone))
            .Select(d => new { d.Id, d.UserId, d.PipelineStageId })
            .ToListAsync(ct);
        foreach (var deal in deals)
        {
            db.DealEvents.Add(new DealEvent
            {
                DealId = deal.Id, DealEventKindId = m.FromMe ? DealEventKind.WhatsAppOut : DealEventKind.WhatsAppIn, At = m.At,
            });
            await BoardRelay.NotifyAsync(db, new BoardEvent("deal.updated", m.TenantId, deal.Id, deal.UserId, null, null, deal.PipelineStageId), ct);
        }
    }
}
