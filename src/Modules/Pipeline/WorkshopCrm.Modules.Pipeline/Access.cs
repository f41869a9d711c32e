using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline;

/// <summary>
/// "Who may do what" (API.md) as queries, the one place the rule is written (ADR 0011): a Business Owner sees the
/// whole tenant; a Salesperson its own deals, and the leads it owns or has a deal on. What the caller cannot see does
/// not exist for it (404). The DbContext is bound to the user's tenant.
/// </summary>
internal sealed class Access
{
    private readonly PipelineDb _db;
    private readonly Func<long> _userId;
    private readonly Func<bool> _isBusinessOwner;

    /// <summary>The signed-in caller's access (requests; the token is read when a rule is applied, not before).</summary>
    public Access(PipelineDb db, ICurrentUser caller) : this(db, () => caller.UserId, () => caller.IsBusinessOwner)
    {
    }

    private Access(PipelineDb db, Func<long> userId, Func<bool> isBusinessOwner) =>
        (_db, _userId, _isBusinessOwner) = (db, userId, isBusinessOwner);

    /// <summary>A user's access as another module asks about it (tenant, user and role from the request).</summary>
    public static Access Of(PipelineDb db, long userId, bool isBusinessOwner) => new(db, () => userId, () => isBusinessOwner);

    public bool IsOwner => _isBusinessOwner();
    public long UserId => _userId();

    public IQueryable<Deal> VisibleDeals()
    {
        if (IsOwner)
            return _db.Deals;
        var userId = UserId;
        return _db.Deals.Where(d => d.UserId == userId);
    }

    public IQueryable<Lead> VisibleLeads()
    {
        if (IsOwner)
            return _db.Leads;
        var userId = UserId;
        return _db.Leads.Where(l => l.UserId == userId || _db.Deals.Any(d => d.LeadId == l.Id && d.UserId == userId));
    }

    /// <summary>Activities: a Business Owner sees all; a Salesperson those it is to do and those on deals it owns.</summary>
    public IQueryable<Activity> VisibleActivities()
    {
        if (IsOwner)
            return _db.Activities;
        var userId = UserId;
        return _db.Activities.Where(a => a.UserId == userId || _db.Deals.Any(d => d.Id == a.DealId && d.UserId == userId));
    }

    /// <summary>Leads the caller may edit (name, e-mail, phone): a Salesperson only those it owns.</summary>
    public bool MayEdit(Lead lead) => IsOwner || lead.UserId == UserId;
}
