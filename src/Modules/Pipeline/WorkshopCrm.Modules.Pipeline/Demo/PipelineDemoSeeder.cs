using Microsoft.EntityFrameworkCore;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Modules.Pipeline.Activities;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Modules.Pipeline.Members;
using WorkshopCrm.Modules.Pipeline.Notes;
using WorkshopCrm.Modules.Pipeline.Stages;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Modules;
using WorkshopCrm.Shared.Text;

namespace WorkshopCrm.Modules.Pipeline.Demo;

/// <summary>
/// The Pipeline's part of <c>seed-demo</c>: leads, deals in every column (won, lost with a reason, a few stale),
/// notes and activities (overdue, today, the next days, done) for the demo company, owned by its two users. It runs after Identity's seeder and works on the demo users as
/// pipeline.members knows them, i.e. once their <c>UserRegistered</c> events were delivered (the verb runs the outbox
/// dispatchers; docs/adr/0011): it waits for them rather than inventing members. Idempotent: a demo company that
/// already has leads is left alone.
/// </summary>
internal sealed class PipelineDemoSeeder(ModuleDbFactory<PipelineDb> dbs, CompanyCalendar calendar, TimeProvider clock) : IDemoSeeder
{
    // The demo company's people as Identity's demo seeder creates them (IdentityDemoSeeder); e-mails are unique across companies.
    public const string OwnerEmail = "dono@demo.workshopcrm.local";
    public const string SalespersonEmail = "vendas@demo.workshopcrm.local";

    /// <summary>How long to wait for the demo users' registrations to reach pipeline.members.</summary>
    public static readonly TimeSpan MembersWait = TimeSpan.FromSeconds(60);

    public async Task SeedAsync(TextWriter output, CancellationToken ct)
    {
        var (owner, salesperson) = await DemoMembersAsync(output, ct);
        var tenantId = owner.TenantId;

        await using var db = dbs.ForTenant(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var ordering = new ColumnOrdering(db);
        foreach (var stage in PipelineStage.Seeded) // every column, in one order: a second seed-demo waits here, then sees the data
            await ordering.LockAsync(tenantId, stage.Id, ct);

        if (await db.Leads.AnyAsync(ct) || await db.Deals.AnyAsync(ct))
        {
            await output.WriteLineAsync("Demo pipeline already seeded: nothing added.");
            return;
        }

        var now = clock.GetUtcNow();
        long OwnerOf(bool bySalesperson) => bySalesperson ? salesperson.UserId : owner.UserId;

        var leads = DemoData.Leads.Select((l, i) => new Lead
        {
            Name = l.Name,
            Email = EmailAddresses.Normalize(l.Email),
            Phone = l.Phone,
            UserId = OwnerOf(l.BySalesperson),
            CreatedAt = now.AddDays(-60 + i).AddHours(-i % 7),
            UpdatedAt = now.AddDays(-60 + i).AddHours(-i % 7),
        }).ToList();
        db.Leads.AddRange(leads);
        await db.SaveChangesAsync(ct);

        var nextPosition = new Dictionary<long, int>(); // the columns are empty (no leads, so no deals): end of column = n × Gap
        var deals = DemoData.Deals.Select((d, i) =>
        {
            var position = nextPosition.GetValueOrDefault(d.Stage) + ColumnOrdering.Gap;
            nextPosition[d.Stage] = position;
            var entered = now.AddDays(-d.DaysInStage).AddHours(-(i * 5 % 11)).AddMinutes(-(i * 17 % 60));
            var created = entered.AddDays(-3 * (d.Stage - 1) - 1);
            return new Deal
            {
                LeadId = leads[d.Lead - 1].Id,
                UserId = OwnerOf(d.BySalesperson),
                PipelineStageId = d.Stage,
                Title = d.Title,
                Value = d.Value,
                LossReason = d.LossReason,
                SortOrder = position,
                StageEnteredAt = entered,
                CreatedAt = created,
                UpdatedAt = entered,
            };
        }).ToList();
        db.Deals.AddRange(deals);
        await db.SaveChangesAsync(ct);

        db.Notes.AddRange(DemoData.Notes.Select(n => new DealNote
        {
            DealId = deals[n.Deal - 1].Id,
            UserId = OwnerOf(n.BySalesperson),
            Body = n.Body,
            CreatedAt = now.AddDays(-n.DaysAgo).AddHours(-2),
            UpdatedAt = now.AddDays(-n.DaysAgo).AddHours(-2),
        }));
        await db.SaveChangesAsync(ct);

        var today = calendar.Now().Today;
        db.Activities.AddRange(DemoData.Activities.Select(a =>
        {
            var deal = deals[a.Deal - 1];
            var due = today.AddDays(a.DaysFromToday);
            var doneAt = a.Outcome is null ? (DateTimeOffset?)null : calendar.InstantOf(due, new TimeOnly(18, 0));
            return new Activity
            {
                LeadId = deal.LeadId,
                DealId = deal.Id,
                UserId = OwnerOf(a.BySalesperson),
                CreatedBy = OwnerOf(a.BySalesperson),
                ActivityTypeId = a.Type,
                Subject = a.Subject,
                DueDate = due,
                DueTime = a.Time is null ? null : TimeOnly.ParseExact(a.Time, "HH:mm", System.Globalization.CultureInfo.InvariantCulture),
                DurationMinutes = a.Time is null ? null : 30,
                DoneAt = doneAt,
                DoneBy = doneAt is null ? null : OwnerOf(a.BySalesperson),
                Outcome = a.Outcome,
                CreatedAt = now.AddDays(-7),
                UpdatedAt = doneAt ?? now.AddDays(-7),
            };
        }));
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);

        await output.WriteLineAsync(
            $"Demo pipeline created: {leads.Count} leads, {deals.Count} deals, {DemoData.Notes.Length} notes, {DemoData.Activities.Length} activities " +
            $"for {owner.Name} and {salesperson.Name}.");
    }

    /// <summary>The demo owner and salesperson in pipeline.members, waiting for their registrations to be delivered.</summary>
    private async Task<(Member Owner, Member Salesperson)> DemoMembersAsync(TextWriter output, CancellationToken ct)
    {
        var deadline = clock.GetUtcNow() + MembersWait;
        var told = false;
        while (true)
        {
            // The demo members are found by e-mail before their company is known: across tenants, on purpose.
            await using (var db = dbs.AcrossTenants())
            {
                var members = await db.Members.IgnoreQueryFilters().AsNoTracking()
                    .Where(m => m.Email == OwnerEmail || m.Email == SalespersonEmail).ToListAsync(ct);
                var owner = members.FirstOrDefault(m => m.Email == OwnerEmail && m.RoleId == RoleIds.BusinessOwner);
                var salesperson = members.FirstOrDefault(m => m.Email == SalespersonEmail && m.TenantId == owner?.TenantId);
                if (owner is not null && salesperson is not null)
                    return (owner, salesperson);
            }

            if (clock.GetUtcNow() > deadline)
                throw new InvalidOperationException(
                    $"The demo users did not reach pipeline.members within {MembersWait.TotalSeconds:0} s: is the outbox delivering? " +
                    "See `dead-letters list`, then run seed-demo again.");
            if (!told)
            {
                await output.WriteLineAsync("Waiting for the demo users to reach the pipeline...");
                told = true;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(200), ct);
        }
    }
}
