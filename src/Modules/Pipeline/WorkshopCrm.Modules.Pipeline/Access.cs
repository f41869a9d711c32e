using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline;

/// <summary>
/// "Who may do what" (API.md) as queries: a Business Owner sees the whole tenant; a Salesperson its own deals, and
/// the leads it owns or has a deal on. What the caller cannot see does not exist for it (404).
/// </summary>
internal sealed class Access(PipelineDb db, ICurrentUser caller)
{
    public bool IsOwner => caller.IsBusinessOwner;
    public long UserId => caller.UserId;

    public IQueryable<Deal> VisibleDeals() =>
        caller.IsBusinessOwner ? db.Deals : db.Deals.Where(d => d.UserId == caller.UserId);

    public IQueryable<Lead> VisibleLeads() =>
        caller.IsBusinessOwner
            ? db.Leads
            : db.Leads.Where(l => l.UserId == caller.UserId || db.Deals.Any(d => d.LeadId == l.Id && d.UserId == caller.UserId));

    /// <summary>Leads the caller may edit (name, e-mail, phone): a Salesperson only those it owns.</summary>
    public bool MayEdit(Lead lead) => caller.IsBusinessOwner || lead.UserId == caller.UserId;
}
