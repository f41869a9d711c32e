using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Pipeline.Members;

// pipeline.members follows Identity's events. Events are not ordered, so every handler upserts what it knows.

internal sealed class AddMemberOnUserRegistered(IServiceProvider services) : IdempotentConsumer<UserRegistered, PipelineDb>(services)
{
    protected override long? TenantOf(UserRegistered message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, UserRegistered message, CancellationToken ct)
    {
        var member = await db.Members.SingleOrDefaultAsync(m => m.UserId == message.UserId, ct);
        if (member is null)
        {
            db.Members.Add(new Member
            {
                UserId = message.UserId, Name = message.Name, Email = message.Email, RoleId = message.RoleId, IsActive = message.IsActive,
            });
        }
        else
        {
            (member.Name, member.Email, member.RoleId) = (message.Name, message.Email, message.RoleId);
        }
    }
}

internal sealed class DeactivateMember(IServiceProvider services) : IdempotentConsumer<UserDeactivated, PipelineDb>(services)
{
    protected override long? TenantOf(UserDeactivated message) => message.TenantId;

    protected override Task HandleAsync(PipelineDb db, UserDeactivated message, CancellationToken ct) =>
        db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, false), ct);
}

internal sealed class ReactivateMember(IServiceProvider services) : IdempotentConsumer<UserReactivated, PipelineDb>(services)
{
    protected override long? TenantOf(UserReactivated message) => message.TenantId;

    protected override Task HandleAsync(PipelineDb db, UserReactivated message, CancellationToken ct) =>
        db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(s => s.SetProperty(m => m.IsActive, true), ct);
}

internal sealed class RenameMember(IServiceProvider services) : IdempotentConsumer<UserProfileChanged, PipelineDb>(services)
{
    protected override long? TenantOf(UserProfileChanged message) => message.TenantId;

    protected override Task HandleAsync(PipelineDb db, UserProfileChanged message, CancellationToken ct) =>
        db.Members.Where(m => m.UserId == message.UserId).ExecuteUpdateAsync(
            s => s.SetProperty(m => m.Name, message.Name).SetProperty(m => m.Email, message.Email), ct);
}

/// <summary>The company is gone: every pipeline row of the tenant goes too (and no other tenant's: the unit of work is bound).</summary>
internal sealed class DeleteTenantPipeline(IServiceProvider services) : IdempotentConsumer<TenantDeleted, PipelineDb>(services)
{
    protected override long? TenantOf(TenantDeleted message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, TenantDeleted message, CancellationToken ct)
    {
        await db.Notes.ExecuteDeleteAsync(ct);
        await db.Deals.ExecuteDeleteAsync(ct);
        await db.Leads.ExecuteDeleteAsync(ct);
        await db.Members.ExecuteDeleteAsync(ct);
    }
}
