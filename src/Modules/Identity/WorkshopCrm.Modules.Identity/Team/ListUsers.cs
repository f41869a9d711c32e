using System.Text.Json.Serialization;
using FastEndpoints;
using FluentValidation;
using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Modules.Identity.Data;
using WorkshopCrm.Modules.Identity.Users;
using WorkshopCrm.Shared.Http;
using WorkshopCrm.Shared.Tenancy;

namespace WorkshopCrm.Modules.Identity.Team;

internal sealed record ListUsersRequest : IPaged
{
    public int Page { get; init; } = 1;
    public int PageSize { get; init; } = 50;
}

internal sealed class ListUsersValidator : Validator<ListUsersRequest>
{
    public ListUsersValidator() => this.ValidPaging();
}

/// <summary>A team member; a Salesperson sees only active colleagues' id and name (for pickers).</summary>
internal sealed record TeamMember(
    long Id,
    string Name,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Email,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Role,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] string? Status,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] DateTimeOffset? CreatedAt);

/// <summary>The company's users, by name.</summary>
internal sealed class ListUsers(IdentityDb db, ICurrentUser caller) : Endpoint<ListUsersRequest, PagedList<TeamMember>>
{
    public override void Configure()
    {
        Get("/api/users");
        Summary(s => s.Summary = "The team: users with role and status (Salesperson: active users' id and name)");
    }

    public override async Task HandleAsync(ListUsersRequest req, CancellationToken ct)
    {
        var users = db.Users.AsNoTracking();
        if (!caller.IsBusinessOwner)
            users = users.Where(u => u.UserStatusId == UserStatus.Active);

        var total = await users.CountAsync(ct);
        var page = await users.OrderBy(u => u.Name).ThenBy(u => u.Id).Skip(req.Skip()).Take(req.PageSize).ToListAsync(ct);
        var items = page.Select(u => caller.IsBusinessOwner
            ? new TeamMember(u.Id, u.Name, u.Email, Role.ApiName(u.RoleId), UserStatus.ApiName(u.UserStatusId), u.CreatedAt)
            : new TeamMember(u.Id, u.Name, null, null, null, null)).ToList();
        await Send.OkAsync(new PagedList<TeamMember>(items, req.Page, req.PageSize, total), ct);
    }
}
