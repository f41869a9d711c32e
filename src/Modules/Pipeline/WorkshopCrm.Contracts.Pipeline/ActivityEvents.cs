namespace WorkshopCrm.Contracts.Pipeline;

/// <summary>Activity type ids as seeded in pipeline.activity_types.</summary>
public static class ActivityTypeIds
{
    /// <summary>A phone call.</summary>
    public const long Call = 1;

    /// <summary>A WhatsApp conversation.</summary>
    public const long WhatsApp = 2;

    /// <summary>A meeting.</summary>
    public const long Meeting = 3;

    /// <summary>An e-mail.</summary>
    public const long Email = 4;

    /// <summary>A visit.</summary>
    public const long Visit = 5;

    /// <summary>Any other task.</summary>
    public const long Task = 6;
}

/// <summary>One line of a daily digest: an open activity due today or overdue.</summary>
/// <param name="Subject">What to do.</param>
/// <param name="TypeId">See <see cref="ActivityTypeIds"/>.</param>
/// <param name="DueDate">The day it is due (the company's calendar).</param>
/// <param name="DueTime">The time it is due, or null for all day.</param>
/// <param name="LeadName">Whom it is about.</param>
/// <param name="LeadPhone">The lead's phone, if any.</param>
/// <param name="DealTitle">The deal, if any.</param>
public sealed record DigestActivity(string Subject, long TypeId, DateOnly DueDate, TimeOnly? DueTime, string LeadName, string? LeadPhone, string? DealTitle);

/// <summary>
/// It is the morning of <paramref name="Day"/> in the company: this user has open activities due today or overdue.
/// Published once per user and day (whatever the number of Host instances); Identity, which knows the user's address,
/// language and whether it wants the mail (dailyDigest), sends it.
/// </summary>
/// <param name="TenantId">The company.</param>
/// <param name="UserId">The user the digest is for.</param>
/// <param name="Day">The company's day.</param>
/// <param name="Overdue">Open activities due before today (at most the first few).</param>
/// <param name="Today">Open activities due today (at most the first few).</param>
/// <param name="OverdueCount">How many are overdue in all.</param>
/// <param name="TodayCount">How many are due today in all.</param>
/// <param name="OccurredAt">When (UTC).</param>
public sealed record DailyDigestDue(
    long TenantId, long UserId, DateOnly Day, IReadOnlyList<DigestActivity> Overdue, IReadOnlyList<DigestActivity> Today,
    int OverdueCount, int TodayCount, DateTimeOffset OccurredAt);
