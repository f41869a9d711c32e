using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;
using WorkshopCrm.Contracts.Identity;

namespace WorkshopCrm.Modules.Identity.Tenants;

internal sealed record RenameTenantRequest(string Name);

internal sealed class RenameTenantValidator : Validator<RenameTenantRequest>
{
    public RenameTenantValidator() => RuleFor(r => r.Name).RequiredLine(255);
}

/// <summary>Changes the company's name (Business Owner).</summary>
internal sealed class RenameTenant(IdentityDb db, ICurrentUser caller) : Endpoint<RenameTenantRequest, TenantView>
{
    public override void Configure()
    {
        Put("/api/tenant");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Rename the company (Business Owner)");
    }

    public override async Task HandleAsync(RenameTenantRequest req, CancellationToken ct)
    {
        var tenant = await db.Tenants.SingleAsync(t => t.Id == caller.TenantId, ct);
        tenant.Name = req.Name.Trim();
        await db.SaveChangesAsync(ct);
        await Send.OkAsync(new TenantView(tenant.Id, tenant.Name), ct);
    }
}
