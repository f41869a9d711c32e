using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>The phones of the leads a user can see (the same rule as the leads list), for WhatsApp's permission checks.</summary>
internal sealed class AnswerVisibleLeadPhones(ModuleDbFactory<PipelineDb> dbs) : RequestHandler<VisibleLeadPhonesRequest, VisibleLeadPhonesAnswer>
{
    protected override async Task<VisibleLeadPhonesAnswer> HandleAsync(VisibleLeadPhonesRequest request, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(request.TenantId);
        var leads = Access.Of(db, request.UserId, request.IsBusinessOwner).VisibleLeads();
        var phones = await leads.Where(l => l.Phone != null).Select(l => l.Phone!).ToListAsync(ct);
        return new VisibleLeadPhonesAnswer(phones.Select(PhoneNumbers.ToDigits).OfType<string>().Distinct().ToList());
    }
}
