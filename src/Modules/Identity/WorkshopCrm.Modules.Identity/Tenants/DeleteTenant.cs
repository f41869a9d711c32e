using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Passwords;
using WorkshopCrm.Modules.Identity.Sessions;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Tenants;

internal sealed record DeleteTenantRequest(string Password, string CompanyName);

internal sealed class DeleteTenantValidator : Validator<DeleteTenantRequest>
{
    public DeleteTenantValidator()
    {
        RuleFor(r => r.Password).NotEmpty().WithMessage("Required.").MaximumLength(PasswordPolicy.MaxLength);
        RuleFor(r => r.CompanyName).RequiredLine(255);
    }
}

/// <summary>
/// Deletes the company (Business Owner, confirmed by password and the company's name): Identity's rows go now, with
/// every sign-in and the company's audit log; TenantDeleted, in the same transaction, makes every other module delete
/// its rows of the tenant. Who deleted it, and from where, goes to the application's log (ADR 0024): the company's own
/// audit log is part of what is deleted.
/// </summary>
internal sealed class DeleteTenant(
    IdentityDb db, ICurrentUser caller, Credentials credentials, SessionRevocation revocation, TimeProvider clock, ILogger<DeleteTenant> logger)
    : Endpoint<DeleteTenantRequest, Results<Accepted, ProblemHttpResult>>
{
    public override void Configure()
    {
        Delete("/api/tenant");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Accepts<DeleteTenantRequest>("application/json"));
        Summary(s => s.Summary = "Delete the company and all its data (Business Owner)");
    }

    public override async Task<Results<Accepted, ProblemHttpResult>> ExecuteAsync(DeleteTenantRequest req, CancellationToken ct)
    {
        var owner = await db.Users.Include(u => u.Tenant).SingleAsync(u => u.Id == caller.UserId, ct);
        if (credentials.Verify(owner, req.Password) == PasswordVerificationResult.Failed)
            return Problems.Field("password", "The password is not right.", "identity.wrong_password");

        if (!string.Equals(req.CompanyName.Trim(), owner.Tenant!.Name, StringComparison.OrdinalIgnoreCase))
            return Problems.Field("companyName", "Type the company's name exactly to confirm.", "identity.company_name_mismatch");

        var tenantId = owner.TenantId;
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        db.Publish(new TenantDeleted(tenantId, clock.GetUtcNow()));
        await db.SaveChangesAsync(ct);
        await revocation.EndTenantAsync(db, tenantId, ct);
        var emails = db.Users.IgnoreQueryFilters().Where(u => u.TenantId == tenantId).Select(u => u.Email);
        await db.PasswordResetTokens.Where(t => emails.Contains(t.Email)).ExecuteDeleteAsync(ct);
        await db.Tenants.Where(t => t.Id == tenantId).ExecuteDeleteAsync(ct); // users, their verification tokens and the audit log cascade
        await transaction.CommitAsync(ct);
        logger.LogInformation("Company {TenantId} and all its data deleted ({AuditAction}) by user {UserId} from {Address}",
            tenantId, AuditActions.CompanyDeleted, owner.Id, ClientAddress.Of(HttpContext));
        return TypedResults.Accepted((string?)null);
    }
}
