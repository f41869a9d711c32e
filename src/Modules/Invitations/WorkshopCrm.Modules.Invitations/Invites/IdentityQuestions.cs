using MassTransit.Mediator;
using WorkshopCrm.Contracts.Identity;

namespace WorkshopCrm.Modules.Invitations.Invites;

/// <summary>What only Identity knows, asked through its contracts (in-process request/response).</summary>
internal sealed class IdentityQuestions(IMediator mediator)
{
    /// <summary>Whether the inviter may invite (verified e-mail), its names for the mail, and whether the e-mail already has an account.</summary>
    public async Task<InvitationCheckAnswer> CheckAsync(long tenantId, long inviterId, string email, CancellationToken ct) =>
        (await mediator.CreateRequestClient<InvitationCheckRequest>().GetResponse<InvitationCheckAnswer>(
            new InvitationCheckRequest(tenantId, inviterId, email), ct)).Message;

    public async Task<Dictionary<long, string>> NamesAsync(long tenantId, IEnumerable<long> userIds, CancellationToken ct) =>
        (await mediator.CreateRequestClient<UserNamesRequest>().GetResponse<UserNamesAnswer>(
            new UserNamesRequest(tenantId, userIds.Distinct().ToList()), ct)).Message.Names.ToDictionary(n => n.UserId, n => n.Name);

    public async Task<string?> CompanyNameAsync(long tenantId, CancellationToken ct) =>
        (await mediator.CreateRequestClient<CompanyNameRequest>().GetResponse<CompanyNameAnswer>(new CompanyNameRequest(tenantId), ct)).Message.Name;

    /// <summary>Identity creates the invited Salesperson and signs it in (or says why not).</summary>
    public async Task<CreateInvitedUserAnswer> CreateUserAsync(CreateInvitedUserRequest request, CancellationToken ct) =>
        (await mediator.CreateRequestClient<CreateInvitedUserRequest>().GetResponse<CreateInvitedUserAnswer>(request, ct)).Message;
}
