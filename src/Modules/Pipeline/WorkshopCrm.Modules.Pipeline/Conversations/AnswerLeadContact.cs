using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Conversations;

/// <summary>WhatsApp asks for a lead's name and phone before showing or sending its conversation.</summary>
internal sealed class AnswerLeadContact(ModuleDbFactory<PipelineDb> dbs) : RequestHandler<LeadContactRequest, LeadContactAnswer>
{
    protected override async Task<LeadContactAnswer> HandleAsync(LeadContactRequest request, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(request.TenantId);
        var lead = await Access.Of(db, request.UserId, request.IsBusinessOwner).VisibleLeads().AsNoTracking()
            .Where(l => l.Id == request.LeadId)
            .Select(l => new { l.Name, l.Phone, Owner = db.Members.Where(m => m.UserId == l.UserId).Select(m => m.Name).FirstOrDefault() })
            .SingleOrDefaultAsync(ct);
        return lead is null
            ? new LeadContactAnswer(false, null, null, null)
            : new LeadContactAnswer(true, lead.Name, PhoneNumbers.ToDigits(lead.Phone), lead.Owner);
    }
}

/// <summary>WhatsApp asks which chats are with leads (the WhatsApp screen shows their names and open deals).</summary>
internal sealed class AnswerLeadsByPhones(ModuleDbFactory<PipelineDb> dbs) : RequestHandler<LeadsByPhonesRequest, LeadsByPhonesAnswer>
{
    protected override async Task<LeadsByPhonesAnswer> HandleAsync(LeadsByPhonesRequest request, CancellationToken ct)
    {
        if (request.Phones.Count == 0)
            return new LeadsByPhonesAnswer([]);
        await using var db = dbs.ForTenant(request.TenantId);
        var access = Access.Of(db, request.UserId, request.IsBusinessOwner);
        var phones = request.Phones.Distinct().ToList();
        var leads = await access.VisibleLeads().AsNoTracking()
            .Where(l => phones.Contains(EF.Property<string>(l, LeadPhone.Column)))
            .OrderBy(l => l.Id)
            .Select(l => new { Phone = EF.Property<string>(l, LeadPhone.Column), l.Id, l.Name })
            .ToListAsync(ct);
        var first = leads.GroupBy(l => l.Phone).Select(g => g.First()).ToList();
        var ids = first.Select(l => l.Id).ToList();
        var deals = await access.VisibleDeals().AsNoTracking()
            .Where(d => ids.Contains(d.LeadId) && d.PipelineStageId != Stages.PipelineStage.Won && d.PipelineStageId != Stages.PipelineStage.Lost)
            .OrderBy(d => d.SortOrder).Select(d => new { d.LeadId, d.Id, d.Title }).ToListAsync(ct);
        return new LeadsByPhonesAnswer(first.ConvertAll(l => new PhoneLead(l.Phone, l.Id, l.Name,
            deals.Where(d => d.LeadId == l.Id).Select(d => new PhoneLeadDeal(d.Id, d.Title)).ToList())));
    }
}
