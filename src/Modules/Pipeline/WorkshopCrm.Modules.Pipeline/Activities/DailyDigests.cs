using MassTransit.Mediator;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using WorkshopCrm.Contracts.Identity;
using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Modules.Pipeline.Board;
using WorkshopCrm.Modules.Pipeline.Data;
using WorkshopCrm.Shared.Data;
using WorkshopCrm.Shared.Email;
using WorkshopCrm.Shared.Messaging;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>
/// The morning e-mail: from Pipeline:DigestHour (07:00) of the company's day, each active user with open activities
/// due today or overdue gets one <see cref="DailyDigestDue"/> through the outbox, once per day however many Host
/// instances run this at once: the user's row in pipeline.activity_digests is inserted in the same transaction as the
/// message, and the second instance's insert waits for the first's commit and then finds it there (ADR 0020).
/// </summary>
internal sealed class DailyDigests(ModuleDbFactory<PipelineDb> dbs, CompanyCalendar calendar, IOptions<PipelineOptions> options, TimeProvider clock)
{
    /// <summary>At most this many activities of each kind are listed in the mail; the counts say the rest.</summary>
    public const int ListedPerKind = 15;

    private DateOnly _sentFor;

    /// <summary>The company day this instance last looked at (and published what was due that no other instance had).</summary>
    public DateOnly DoneFor => _sentFor;

    /// <summary>Publishes the digests due now that no instance has published yet; answers how many this call published.</summary>
    public async Task<int> RunDueAsync(CancellationToken ct)
    {
        var now = calendar.Now();
        if (now.Time.Hour < options.Value.DigestHour || _sentFor == now.Today)
            return 0;

        var today = now.Today;
        List<(long TenantId, long UserId)> due;
        // Which users of which companies have something due: the one question that crosses tenants on purpose.
        await using (var across = dbs.AcrossTenants())
        {
            due = (await across.Activities.IgnoreQueryFilters()
                    .Where(a => a.DoneAt == null && a.DueDate <= today)
                    .Where(a => across.Members.IgnoreQueryFilters().Any(m => m.UserId == a.UserId && m.IsActive))
                    .Where(a => !across.ActivityDigests.IgnoreQueryFilters().Any(d => d.UserId == a.UserId && d.Day == today))
                    .Select(a => new { a.TenantId, a.UserId }).Distinct().ToListAsync(ct))
                .ConvertAll(x => (x.TenantId, x.UserId));
        }

        var published = 0;
        foreach (var (tenantId, userId) in due)
        {
            if (await PublishAsync(tenantId, userId, today, ct))
                published++;
        }

        _sentFor = today; // this instance looks again tomorrow
        return published;
    }

    private async Task<bool> PublishAsync(long tenantId, long userId, DateOnly today, CancellationToken ct)
    {
        await using var db = dbs.ForTenant(tenantId);
        await using var transaction = await db.Database.BeginTransactionAsync(ct);
        var claimed = await db.Database.ExecuteSqlAsync(
            $"""
             INSERT INTO pipeline.activity_digests (user_id, tenant_id, day, sent_at)
             VALUES ({userId}, {tenantId}, {today}, {clock.GetUtcNow()})
             ON CONFLICT (user_id, day) DO NOTHING
             """, ct);
        if (claimed == 0)
            return false; // another instance sent it

        var open = db.Activities.AsNoTracking().Where(a => a.UserId == userId && a.DoneAt == null);
        var overdue = open.Where(a => a.DueDate < today);
        var dueToday = open.Where(a => a.DueDate == today);
        var message = new DailyDigestDue(tenantId, userId, today,
            await ListAsync(overdue, ct), await ListAsync(dueToday, ct), await overdue.CountAsync(ct), await dueToday.CountAsync(ct),
            clock.GetUtcNow());
        db.Publish(message);
        await db.SaveChangesAsync(ct);
        await transaction.CommitAsync(ct);
        return true;
    }

    private static Task<List<DigestActivity>> ListAsync(IQueryable<Activity> activities, CancellationToken ct) =>
        activities.OrderBy(a => a.DueDate).ThenBy(a => a.DueTime).ThenBy(a => a.Id).Take(ListedPerKind)
            .Select(a => new DigestActivity(a.Subject, a.ActivityTypeId, a.DueDate, a.DueTime, a.Lead!.Name, a.Lead.Phone, a.Deal == null ? null : a.Deal.Title))
            .ToListAsync(ct);
}

/// <summary>Looks every Pipeline:DigestCheckInterval (on the TimeProvider's clock) whether the morning digests are due.</summary>
internal sealed class DailyDigestJob(DailyDigests digests, IOptions<PipelineOptions> options, TimeProvider clock, ILogger<DailyDigestJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.Value.DigestCheckInterval, clock);
        // The first look builds the module's EF model: not inside the Host's start (ADR 0036). The timer is made before
        // yielding, so that a test's fake clock finds it at once.
        await Task.Yield();
        do
        {
            try
            {
                var before = digests.DoneFor;
                var published = await digests.RunDueAsync(stoppingToken);
                if (digests.DoneFor != before)
                    logger.LogInformation("Daily digests for {Day} done here: {Published} published by this instance", digests.DoneFor, published);
            }
            catch (Exception ex) when (ex is not OperationCanceledException)
            {
                logger.LogWarning(ex, "Publishing the daily activity digests failed; trying again at the next tick");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}

/// <summary>
/// Mails one digest, in the user's language, when Identity says the user is active and wants it (the profile's
/// dailyDigest, read now, so turning it off stops tomorrow's mail even if it was already queued). A failed send is
/// retried by the outbox, and the inbox makes it one mail.
/// </summary>
internal sealed class MailDailyDigest(ModuleDbFactory<PipelineDb> dbs, IMediator mediator, DigestMail mail, IEmailSender email)
    : IdempotentConsumer<DailyDigestDue, PipelineDb>(dbs)
{
    protected override long? TenantOf(DailyDigestDue message) => message.TenantId;

    protected override async Task HandleAsync(PipelineDb db, DailyDigestDue message, CancellationToken ct)
    {
        var profile = (await mediator.CreateRequestClient<MailProfileRequest>()
            .GetResponse<MailProfileAnswer>(new MailProfileRequest(message.TenantId, message.UserId), ct)).Message;
        if (!profile.Exists || !profile.IsActive || !profile.DailyDigest)
            return;
        await email.SendAsync(mail.Compose(profile, message), ct);
    }
}
