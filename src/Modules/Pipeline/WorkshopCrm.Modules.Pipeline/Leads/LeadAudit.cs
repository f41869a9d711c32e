using System.Globalization;
using Microsoft.AspNetCore.Http;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Pipeline.Leads;

/// <summary>
/// What the company's audit log is told when a lead is deleted, handed out or anonymized (Identity keeps it): who, from
/// which address, and the lead by its id only, never the person's name, which an anonymization must be able to erase.
/// </summary>
internal static class LeadAudit
{
    public static AuditRecorded Of(string action, long leadId, ICurrentUser caller, HttpContext http, DateTimeOffset at) =>
        new(caller.TenantId, caller.UserId, action, "lead #" + leadId.ToString(CultureInfo.InvariantCulture), ClientAddress.Of(http), at);
}
