using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record ListInvitationsRequest : IPaged
{
    public string? Status { get; init; }
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListInvitationsValidator : Validator<ListInvitationsRequest>
{
    public ListInvitationsValidator()
    {
        RuleFor(r => r.Status).Must(s => s is null || InvitationStatus.IdOf(s) is not null).WithMessage("One of Pending, Accepted, Revoked, Expired.");
        this.ValidPaging();
    }
}

/// <summary>The company's invitations, newest first, optionally of one status; paged like every list (API.md).</summary>
internal sealed class ListInvitations(InvitationsDb db, IdentityQuestions identity, ICurrentUser caller, TimeProvider clock)
    : Endpoint<ListInvitationsRequest, PagedList<InvitationView>>
{
    public override void Configure()
    {
        Get("/api/invitations");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Invitations (Business Owner)");
    }

    public override async Task HandleAsync(ListInvitationsRequest req, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var query = db.Invitations.AsNoTracking();
        // The status a person sees (Invitation.EffectiveStatus): a Pending one past its expiry is Expired.
        query = InvitationStatus.IdOf(req.Status) switch
        {
            InvitationStatus.Pending => query.Where(i => i.InvitationStatusId == InvitationStatus.Pending && i.ExpiresAt > now),
            InvitationStatus.Expired => query.Where(i => i.InvitationStatusId == InvitationStatus.Expired
                || (i.InvitationStatusId == InvitationStatus.Pending && i.ExpiresAt <= now)),
            { } status => query.Where(i => i.InvitationStatusId == status),
            null => query,
        };
        var total = await query.CountAsync(ct);
        var page = await query.OrderByDescending(i => i.CreatedAt).ThenByDescending(i => i.Id).Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        var names = await identity.NamesAsync(caller.TenantId, page.Select(i => i.InvitedByUserId), ct);
        var items = page.Select(i => InvitationView.Of(i, names, now)).ToList();
        await Send.OkAsync(new PagedList<InvitationView>(items, req.Page, req.PageSize, total), ct);
    }
}
