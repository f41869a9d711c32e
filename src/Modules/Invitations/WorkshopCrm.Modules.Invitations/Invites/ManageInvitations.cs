using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
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
internal sealed class ListInvitations(InvitationsDb db, Invites invites, ICurrentUser caller, TimeProvider clock)
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
        var names = await invites.NamesAsync(caller.TenantId, page.Select(i => i.InvitedByUserId), ct);
        var items = page.Select(i => Invites.View(i, names, now)).ToList();
        await Send.OkAsync(new PagedList<InvitationView>(items, req.Page, req.PageSize, total), ct);
    }
}

internal sealed record CreateInvitationRequest(string Email);

internal sealed class CreateInvitationValidator : Validator<CreateInvitationRequest>
{
    public CreateInvitationValidator() => RuleFor(r => r.Email).RequiredEmail();
}

/// <summary>
/// Invites an e-mail to join as a Salesperson (Business Owner with a verified e-mail). A Pending invitation to the
/// same address is revoked and replaced; the e-mail goes out through the outbox.
/// </summary>
internal sealed class CreateInvitation(InvitationsDb db, Invites invites, ICurrentUser caller, IOptions<InvitationOptions> options, TimeProvider clock)
    : Endpoint<CreateInvitationRequest, InvitationView>
{
    public override void Configure()
    {
        Post("/api/invitations");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status429TooManyRequests));
        Summary(s => s.Summary = "Invite a salesperson by e-mail (Business Owner, verified e-mail)");
    }

    public override async Task HandleAsync(CreateInvitationRequest req, CancellationToken ct)
    {
        var email = req.Email.Trim().ToLowerInvariant();
        var check = await invites.CheckAsync(caller.TenantId, caller.UserId, email, ct);
        if (!check.InviterEmailVerified)
        {
            await Send.ResultAsync(Problems.Forbidden("invitation.inviter_unverified", "Verify your e-mail address before inviting people."));
            return;
        }

        if (check.EmailBelongsToUser)
        {
            await Send.ResultAsync(Problems.Field("email", "This e-mail already has an account.", "invitation.email_is_user", StatusCodes.Status409Conflict));
            return;
        }

        var now = clock.GetUtcNow();
        var sentLastHour = await db.Invitations.CountAsync(i => i.CreatedAt > now.AddHours(-1), ct);
        if (sentLastHour >= options.Value.PerTenantPerHour)
        {
            HttpContext.Response.Headers.RetryAfter = "3600";
            await Send.ResultAsync(Problems.Of(StatusCodes.Status429TooManyRequests, "invitation.rate_limited",
                $"Your company can send {options.Value.PerTenantPerHour} invitations an hour; try again later."));
            return;
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Invitations.Where(i => i.Email == email && i.InvitationStatusId == InvitationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InvitationStatusId, InvitationStatus.Revoked).SetProperty(i => i.UpdatedAt, now), ct);
        var invitation = new Invitation
        {
            Email = email, InvitedByUserId = caller.UserId, InvitationStatusId = InvitationStatus.Pending, Token = Tokens.Hash(Tokens.New()),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct); // the id goes into the e-mail's event
        var token = invites.Send(db, invitation, check);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var view = Invites.View(invitation, new Dictionary<long, string> { [caller.UserId] = check.InviterName }, now, invites.LinkFor(token));
        await Send.ResponseAsync(view, StatusCodes.Status201Created, ct);
    }
}

internal sealed record InvitationIdRequest(long Id);

/// <summary>Sends a Pending (or Expired) invitation again: a new link and expiry; the old link stops working.</summary>
internal sealed class ResendInvitation(InvitationsDb db, Invites invites, ICurrentUser caller, TimeProvider clock) : Endpoint<InvitationIdRequest, InvitationView>
{
    public override void Configure()
    {
        Post("/api/invitations/{id}/resend");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Resend an invitation with a new link (Business Owner)");
    }

    public override async Task HandleAsync(InvitationIdRequest req, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == req.Id, ct);
        if (invitation is null)
        {
            await Send.ResultAsync(Invites.NotFound);
            return;
        }

        var now = clock.GetUtcNow();
        if (invitation.EffectiveStatus(now) is not (InvitationStatus.Pending or InvitationStatus.Expired))
        {
            await Send.ResultAsync(Problems.Conflict("invitation.not_pending", $"This invitation is {InvitationStatus.NameOf(invitation.InvitationStatusId)}; invite again instead."));
            return;
        }

        var check = await invites.CheckAsync(caller.TenantId, caller.UserId, invitation.Email, ct);
        var token = invites.Send(db, invitation, check);
        await db.SaveChangesAsync(ct);
        var names = await invites.NamesAsync(caller.TenantId, [invitation.InvitedByUserId], ct);
        await Send.OkAsync(Invites.View(invitation, names, now, invites.LinkFor(token)), ct);
    }
}

/// <summary>Withdraws a Pending invitation: its link stops working.</summary>
internal sealed class RevokeInvitation(InvitationsDb db, TimeProvider clock) : Endpoint<InvitationIdRequest>
{
    public override void Configure()
    {
        Post("/api/invitations/{id}/revoke");
        Roles(CrmRoles.BusinessOwner);
        Summary(s => s.Summary = "Revoke a pending invitation (Business Owner)");
    }

    public override async Task HandleAsync(InvitationIdRequest req, CancellationToken ct)
    {
        var invitation = await db.Invitations.SingleOrDefaultAsync(i => i.Id == req.Id, ct);
        if (invitation is null)
        {
            await Send.ResultAsync(Invites.NotFound);
            return;
        }

        if (invitation.EffectiveStatus(clock.GetUtcNow()) != InvitationStatus.Pending)
        {
            await Send.ResultAsync(Problems.Conflict("invitation.not_pending", "Only a pending invitation can be revoked."));
            return;
        }

        invitation.InvitationStatusId = InvitationStatus.Revoked;
        await db.SaveChangesAsync(ct);
        await Send.NoContentAsync(ct);
    }
}
