using FastEndpoints;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Shared.Http;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Identity.Audit;

internal sealed record ListAuditLogRequest : IPaged
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListAuditLogValidator : Validator<ListAuditLogRequest>
{
    public ListAuditLogValidator() => this.ValidPaging();
}

internal sealed record AuditUser(long Id, string Name);

/// <summary>
/// One entry of the audit log: <c>action</c> is one of AuditActions' names, <c>user</c> null when the system did it,
/// <c>address</c> the caller's IP address when it came from a request.
/// </summary>
internal sealed record AuditEntryView(long Id, DateTimeOffset At, AuditUser? User, string Action, string Subject, string? Address);

/// <summary>The company's audit log, newest first (Business Owner).</summary>
internal sealed class ListAuditLog(IdentityDb db) : Endpoint<ListAuditLogRequest, PagedList<AuditEntryView>>
{
    public override void Configure()
    {
        Get("/api/audit");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "The company's audit log: who imported, exported, anonymized, deleted or changed whom, when and from where (Business Owner)");
    }

    public override async Task HandleAsync(ListAuditLogRequest req, CancellationToken ct)
    {
        var log = db.AuditLog.AsNoTracking();
        var total = await log.CountAsync(ct);
        var rows = await log.OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id).Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        var items = rows.ConvertAll(e => new AuditEntryView(
            e.Id, e.OccurredAt, e.UserId is { } id ? new AuditUser(id, e.UserName ?? "") : null, AuditAction.NameOf(e.AuditActionId), e.Subject, e.IpAddress));
        await Send.OkAsync(new PagedList<AuditEntryView>(items, req.Page, req.PageSize, total), ct);
    }
}
