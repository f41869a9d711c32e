using FastEndpoints;
using FluentValidation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared.Auth;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record TokenRequest(string Token);

internal sealed record InvitationPreview(string Email, string CompanyName, DateTimeOffset ExpiresAt);

/// <summary>The invitation page: who is invited to which company — or why the link no longer works.</summary>
internal sealed class GetInvitationByToken(ModuleDbFactory<InvitationsDb> dbs, Invites invites, TimeProvider clock) : Endpoint<TokenRequest, InvitationPreview>
{
    public override void Configure()
    {
        Get("/api/invitations/by-token/{token}");
        AllowAnonymous();
        Options(x => x.RequireRateLimiting("identity.auth-per-ip"));
        Summary(s => s.Summary = "Look at an invitation by its link's token");
    }

    public override async Task HandleAsync(TokenRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        var invitation = await ByToken.FindAsync(db, req.Token, ct);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
        {
            await Send.ResultAsync(refusal);
            return;
        }

        var company = await invites.CompanyNameAsync(invitation!.TenantId, ct);
        await Send.OkAsync(new InvitationPreview(invitation.Email, company ?? "", invitation.ExpiresAt), ct);
    }
}

internal sealed record AcceptInvitationRequest(string Token, string Name, string Password);

internal sealed class AcceptInvitationValidator : Validator<AcceptInvitationRequest>
{
    public AcceptInvitationValidator()
    {
        RuleFor(r => r.Name).RequiredLine(255);
        RuleFor(r => r.Password).NotEmpty().WithMessage("Required.").MaximumLength(128).WithMessage("At most 128 characters.");
    }
}

/// <summary>
/// Accepting: Identity creates the Salesperson (Active, e-mail verified) and signs it in; the invitation becomes
/// Accepted. The invitation row stays locked meanwhile, so two accepts of one link make one user; the other gets 409.
/// </summary>
internal sealed class AcceptInvitation(ModuleDbFactory<InvitationsDb> dbs, Invites invites, TimeProvider clock) : Endpoint<AcceptInvitationRequest>
{
    public override void Configure()
    {
        Post("/api/invitations/by-token/{token}/accept");
        AllowAnonymous();
        Options(x => x.RequireRateLimiting("identity.auth-per-ip"));
        Description(x => x.Produces(StatusCodes.Status201Created).Produces(StatusCodes.Status409Conflict).Produces(StatusCodes.Status410Gone));
        Summary(s => s.Summary = "Accept an invitation: create the account and sign in");
    }

    public override async Task HandleAsync(AcceptInvitationRequest req, CancellationToken ct)
    {
        await using var db = dbs.AcrossTenants(); // the link's token names the company, see ByToken
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var invitation = await ByToken.FindAsync(db, req.Token, ct, forUpdate: true);
        if (ByToken.Refusal(invitation, clock.GetUtcNow()) is { } refusal)
        {
            await Send.ResultAsync(refusal);
            return;
        }

        var answer = await invites.CreateUserAsync(new CreateInvitedUserRequest(invitation!.TenantId, invitation.Id, invitation.Email,
            req.Name, req.Password, Locale()), ct);
        if (answer.SignedIn is not { } signedIn)
        {
            var status = answer.FailureCode == "invitation.email_is_user" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
            await Send.ResultAsync(answer.FailureField is { } field
                ? Problems.Field(field, answer.FailureMessage!, answer.FailureCode!, status)
                : Problems.Of(status, answer.FailureCode!, answer.FailureMessage!));
            return;
        }

        invitation.InvitationStatusId = InvitationStatus.Accepted;
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        RefreshCookie.Write(HttpContext, signedIn.RefreshToken, signedIn.PersistentUntil);
        var user = signedIn.User;
        await Send.ResponseAsync(new
        {
            accessToken = signedIn.AccessToken,
            expiresIn = signedIn.ExpiresIn,
            user = new { id = user.Id, name = user.Name, email = user.Email, emailVerified = user.EmailVerified, role = user.Role, status = user.Status,
                tenant = new { id = user.TenantId, name = user.TenantName } },
        }, StatusCodes.Status201Created, ct);
    }

    private string Locale() =>
        HttpContext.Request.Headers.AcceptLanguage.ToString().StartsWith("en", StringComparison.OrdinalIgnoreCase) ? "en" : "pt-BR";
}

/// <summary>
/// Finding an invitation by its link, across companies (the token is the capability): the db passed in is a unit of
/// work from <see cref="ModuleDbFactory{TDb}.AcrossTenants"/>.
/// </summary>
internal static class ByToken
{
    public static async Task<Invitation?> FindAsync(InvitationsDb db, string token, CancellationToken ct, bool forUpdate = false)
    {
        if (!Tokens.LooksValid(token))
            return null;
        var hash = Tokens.Hash(token);
        return forUpdate
            ? await db.Invitations.FromSql($"SELECT * FROM invitations.invitations WHERE token = {hash} FOR UPDATE").IgnoreQueryFilters().SingleOrDefaultAsync(ct)
            : await db.Invitations.IgnoreQueryFilters().AsNoTracking().SingleOrDefaultAsync(i => i.Token == hash, ct);
    }

    /// <summary>Unknown or malformed 404, revoked or expired 410, accepted 409; null when the link works.</summary>
    public static IResult? Refusal(Invitation? invitation, DateTimeOffset now) => invitation?.EffectiveStatus(now) switch
    {
        null => Problems.NotFound("invitation.not_found", "This invitation link is not valid."),
        InvitationStatus.Revoked => Problems.Of(StatusCodes.Status410Gone, "invitation.revoked", "This invitation was withdrawn. Ask for a new one."),
        InvitationStatus.Expired => Problems.Of(StatusCodes.Status410Gone, "invitation.expired", "This invitation has expired. Ask for a new one."),
        InvitationStatus.Accepted => Problems.Conflict("invitation.accepted", "This invitation was already accepted. Sign in instead."),
        _ => null,
    };
}
