using MassTransit.Mediator;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Invitations;
using WorkshopCrm.Modules.Invitations.Data;
using WorkshopCrm.Shared;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Invitations.Invites;

internal sealed record Inviter(long Id, string Name);

/// <summary>An invitation as the team screen lists it; <c>link</c> only right after sending (the token is not kept).</summary>
internal sealed record InvitationView(long Id, string Email, string Status, Inviter InvitedBy, DateTimeOffset ExpiresAt, DateTimeOffset? CreatedAt, string? Link);

/// <summary>Making and sending tokens, and asking Identity what only it knows.</summary>
internal sealed class Invites(IMediator mediator, IOptions<InvitationOptions> options, IOptions<AppOptions> app, TimeProvider clock)
{
    /// <summary>A fresh token for the invitation (its hash stored, the old link dead) and the event that mails it.</summary>
    public string Send(InvitationsDb db, Invitation invitation, InvitationCheckAnswer inviter)
    {
        var now = clock.GetUtcNow();
        var token = Tokens.New();
        invitation.Token = Tokens.Hash(token);
        invitation.ExpiresAt = now + options.Value.Lifetime;
        invitation.InvitationStatusId = InvitationStatus.Pending;
        db.Publish(new InvitationSent(invitation.Id, invitation.TenantId, invitation.Email, token, inviter.CompanyName, inviter.InviterName,
            inviter.InviterLocale, invitation.ExpiresAt, now), carriesSecret: true);
        return token;
    }

    public string LinkFor(string token) => app.Value.LinkTo($"invite/{token}");

    public async Task<InvitationCheckAnswer> CheckAsync(long tenantId, long inviterId, string email, CancellationToken ct) =>
        (await mediator.CreateRequestClient<InvitationCheckRequest>().GetResponse<InvitationCheckAnswer>(
            new InvitationCheckRequest(tenantId, inviterId, email), ct)).Message;

    public async Task<Dictionary<long, string>> NamesAsync(long tenantId, IEnumerable<long> userIds, CancellationToken ct) =>
        (await mediator.CreateRequestClient<UserNamesRequest>().GetResponse<UserNamesAnswer>(
            new UserNamesRequest(tenantId, userIds.Distinct().ToList()), ct)).Message.Names.ToDictionary(n => n.UserId, n => n.Name);

    public async Task<string?> CompanyNameAsync(long tenantId, CancellationToken ct) =>
        (await mediator.CreateRequestClient<CompanyNameRequest>().GetResponse<CompanyNameAnswer>(new CompanyNameRequest(tenantId), ct)).Message.Name;

    public async Task<CreateInvitedUserAnswer> CreateUserAsync(CreateInvitedUserRequest request, CancellationToken ct) =>
        (await mediator.CreateRequestClient<CreateInvitedUserRequest>().GetResponse<CreateInvitedUserAnswer>(request, ct)).Message;

    public static InvitationView View(Invitation i, IReadOnlyDictionary<long, string> names, DateTimeOffset now, string? link = null) =>
        new(i.Id, i.Email, InvitationStatus.NameOf(i.EffectiveStatus(now)), new Inviter(i.InvitedByUserId, names.GetValueOrDefault(i.InvitedByUserId, "")),
            i.ExpiresAt, i.CreatedAt, link);

    public static readonly Microsoft.AspNetCore.Http.IResult NotFound = Problems.NotFound("invitation.not_found", "No such invitation.");
}

/// <summary>Invitation tokens: 256 bits from the CSPRNG, URL-safe; only the SHA-256 is stored.</summary>
internal static class Tokens
{
    public static string New() => Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))
        .TrimEnd('=').Replace('+', '-').Replace('/', '_');

    public static string Hash(string token) =>
        Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(token)));

    /// <summary>What a real token looks like; anything else is answered like an unknown token.</summary>
    public static bool LooksValid(string token) => token.Length is >= 40 and <= 64 && token.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');
}
