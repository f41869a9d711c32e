using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Identity.Audit;

/// <summary>Another module did something the audit log keeps: one entry in the company's log, once (the inbox).</summary>
internal sealed class KeepAuditRecorded(ModuleDbFactory<IdentityDb> dbs) : IdempotentConsumer<AuditRecorded, IdentityDb>(dbs)
{
    protected override long? TenantOf(AuditRecorded message) => message.TenantId;

    protected override async Task HandleAsync(IdentityDb db, AuditRecorded message, CancellationToken ct)
    {
        // The company was deleted since: its log went with it, and this entry has nowhere to go.
        if (!await db.Tenants.AnyAsync(t => t.Id == message.TenantId, ct))
            return;

        await AuditTrail.AppendAsync(db, message.UserId, message.Action, message.Subject, message.Address, message.OccurredAt, ct);
    }
}
