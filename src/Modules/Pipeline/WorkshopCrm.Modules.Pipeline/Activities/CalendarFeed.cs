using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>
/// pipeline.calendar_feeds: which version of a user's secret iCalendar address is alive. The address itself is never
/// stored: it is a MAC over (tenant, user, version) (see <see cref="CalendarTokens"/>); rotating bumps the version, and
/// every older address stops working.
/// </summary>
internal sealed class CalendarFeed : ITenantScoped, IHasTimestamps
{
    public long UserId { get; set; }
    public long TenantId { get; set; }
    public int Version { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }
}

/// <summary>pipeline.activity_digests: the morning e-mail of one user on one company day was handed to the outbox.</summary>
internal sealed class ActivityDigest : ITenantScoped
{
    public long UserId { get; set; }
    public long TenantId { get; set; }
    public DateOnly Day { get; set; }
    public DateTimeOffset SentAt { get; set; }
}
