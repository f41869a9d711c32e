using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Pipeline.Data;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A lead's deal as the lead page lists it.</summary>
internal sealed record LeadDeal(long Id, string Title, decimal Value, long StageId, long OwnerId, string OwnerName);

internal sealed record LeadDetail(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, DateTimeOffset? CreatedAt, DateTimeOffset? UpdatedAt, IReadOnlyList<LeadDeal> Deals);

internal static class LeadDetails
{
    public static async Task<LeadDetail> LoadAsync(PipelineDb db, Access access, Lead lead, CancellationToken ct)
    {
        var deals = await access.VisibleDeals().AsNoTracking().Where(d => d.LeadId == lead.Id)
            .OrderBy(d => d.PipelineStageId).ThenBy(d => d.SortOrder)
            .Select(d => new LeadDeal(d.Id, d.Title, d.Value, d.PipelineStageId, d.UserId, db.Members.Where(m => m.UserId == d.UserId).Select(m => m.Name).First()))
            .ToListAsync(ct);
        var ownerName = await db.Members.Where(m => m.UserId == lead.UserId).Select(m => m.Name).SingleAsync(ct);
        return new LeadDetail(lead.Id, lead.Name, lead.Email, lead.Phone, lead.UserId, ownerName, lead.CreatedAt, lead.UpdatedAt, deals);
    }
}
