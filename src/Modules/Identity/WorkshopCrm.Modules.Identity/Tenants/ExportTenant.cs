using System.Globalization;
using System.Text;
using FastEndpoints;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Tenants;

/// <summary>
/// All the company's data as a ZIP (Business Owner; Settings offers it beside deleting the company): one CSV per table
/// of every module (<see cref="TenantDataZip"/>, ADR 0023), streamed as it is read. The download goes into the audit log
/// first, in a small transaction of its own.
/// </summary>
internal sealed class ExportTenant(IdentityDb db, ICurrentUser caller, TenantDataZip data, TimeProvider clock) : EndpointWithoutRequest
{
    public override void Configure()
    {
        Get("/api/tenant/export");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status200OK, null, "application/zip"));
        Summary(s => s.Summary = "All the company's data as a ZIP of CSV files, one per table (Business Owner)");
    }

    public override async Task HandleAsync(CancellationToken ct)
    {
        var tenant = await db.Tenants.AsNoTracking().SingleAsync(t => t.Id == caller.TenantId, ct);
        var now = clock.GetUtcNow();
        db.Publish(new AuditRecorded(tenant.Id, caller.UserId, AuditActions.CompanyExport, "all the company's data (ZIP)",
            HttpContext.Connection.RemoteIpAddress?.ToString(), now));
        await db.SaveChangesAsync(ct);

        var response = HttpContext.Response;
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "application/zip";
        response.Headers.ContentDisposition = string.Create(CultureInfo.InvariantCulture,
            $"attachment; filename=\"workshop-crm-{FileNamePart(tenant.Name)}-{now:yyyy-MM-dd}.zip\"");
        response.Headers.CacheControl = "no-store";
        // The response's pipe, not Response.Body: .NET's ZipArchive writes each entry's data descriptor synchronously,
        // which Response.Body refuses; the pipe takes those few bytes.
        var body = response.BodyWriter.AsStream(leaveOpen: true);
        await data.WriteAsync(tenant.Id, body, ct);
        await body.FlushAsync(ct);
    }

    /// <summary>The company's name as a file name can carry it anywhere: "Oficina São José" → "oficina-sao-jose".</summary>
    internal static string FileNamePart(string companyName)
    {
        var plain = new StringBuilder();
        foreach (var c in companyName.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
                continue;
            plain.Append(char.IsAsciiLetterOrDigit(c) ? char.ToLowerInvariant(c) : '-');
        }

        var words = plain.ToString().Split('-', StringSplitOptions.RemoveEmptyEntries);
        var name = string.Join('-', words);
        return name.Length == 0 ? "empresa" : name[..Math.Min(name.Length, 60)].TrimEnd('-');
    }
}
