namespace WorkshopCrm.Shared.Data;

/// <summary>A row that belongs to one tenant: filtered by the current tenant and stamped with it on insert.</summary>
public interface ITenantScoped
{
    long TenantId { get; set; }
}

/// <summary>A row with the seed's created_at / updated_at columns, stamped on save.</summary>
public interface IHasTimestamps
{
    DateTimeOffset? CreatedAt { get; set; }
    DateTimeOffset? UpdatedAt { get; set; }
}
