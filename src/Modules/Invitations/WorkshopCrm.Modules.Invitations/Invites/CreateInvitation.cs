using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;
using WorkshopCrm.Shared.Text;
using CrmRoles = WorkshopCrm.Shared.Tenancy.Roles;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record CreateInvitationRequest(string Email);

internal sealed class CreateInvitationValidator : Validator<CreateInvitationRequest>
{
    public CreateInvitationValidator() => RuleFor(r => r.Email).RequiredEmail();
}

/// <summary>
/// Invites an e-mail to join as a Salesperson (Business Owner with a verified e-mail). A Pending invitation to the
/// same address is revoked and replaced; the e-mail goes out through the outbox.
/// </summary>
internal sealed class CreateInvitation(InvitationsDb db, IdentityQuestions identity, InvitationLinks links, ICurrentUser caller, IOptions<InvitationOptions> options, TimeProvider clock)
    : Endpoint<CreateInvitationRequest, Results<Created<InvitationView>, ProblemHttpResult>>
{
    public override void Configure()
    {
        Post("/api/invitations");
        Roles(CrmRoles.BusinessOwner);
        Description(x => x.Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status429TooManyRequests));
        Summary(s => s.Summary = "Invite a salesperson by e-mail (Business Owner, verified e-mail)");
    }

    public override async Task<Results<Created<InvitationView>, ProblemHttpResult>> ExecuteAsync(CreateInvitationRequest req, CancellationToken ct)
    {
        var email = EmailAddresses.Normalize(req.Email);
        var check = await identity.CheckAsync(caller.TenantId, caller.UserId, email, ct);
        if (!check.InviterEmailVerified)
            return Problems.Forbidden("invitation.inviter_unverified", "Verify your e-mail address before inviting people.");

        if (check.EmailBelongsToUser)
            return Problems.Field("email", "This e-mail already has an account.", "invitation.email_is_user", StatusCodes.Status409Conflict);

        var now = clock.GetUtcNow();
        var sentLastHour = await db.Invitations.CountAsync(i => i.CreatedAt > now.AddHours(-1), ct);
        if (sentLastHour >= options.Value.PerTenantPerHour)
        {
            HttpContext.Response.Headers.RetryAfter = "3600";
            return Problems.Of(StatusCodes.Status429TooManyRequests, "invitation.rate_limited",
                $"Your company can send {options.Value.PerTenantPerHour} invitations an hour; try again later.");
        }

        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        await db.Invitations.Where(i => i.Email == email && i.InvitationStatusId == InvitationStatus.Pending)
            .ExecuteUpdateAsync(s => s.SetProperty(i => i.InvitationStatusId, InvitationStatus.Revoked).SetProperty(i => i.UpdatedAt, now), ct);
        var invitation = new Invitation
        {
            Email = email, InvitedByUserId = caller.UserId, InvitationStatusId = InvitationStatus.Pending, Token = OneTimeSecret.Hash(OneTimeSecret.New()),
        };
        db.Invitations.Add(invitation);
        await db.SaveChangesAsync(ct); // the id goes into the e-mail's event
        var token = links.Issue(db, invitation, check);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        var view = InvitationView.Of(invitation, new Dictionary<long, string> { [caller.UserId] = check.InviterName }, now, links.LinkFor(token));
        return TypedResults.Created((string?)null, view);
    }
}
