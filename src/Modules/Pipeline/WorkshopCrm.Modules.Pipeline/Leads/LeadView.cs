namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>A lead as lists and the lead page show it.</summary>
internal sealed record LeadView(long Id, string Name, string Email, string? Phone, long OwnerId, string OwnerName, int DealCount, DateTimeOffset? CreatedAt);
