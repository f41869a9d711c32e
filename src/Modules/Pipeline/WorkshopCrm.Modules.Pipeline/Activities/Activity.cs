using WorkshopCrm.Modules.Pipeline.Deals;
using WorkshopCrm.Modules.Pipeline.Leads;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>
/// A follow-up: who is to do what about a lead (and maybe one of its deals), on which day of the company's calendar,
/// optionally at what time and for how long. Open until done; "the next activity" of a deal is its earliest open one.
/// </summary>
internal sealed class Activity : ITenantScoped, IHasTimestamps
{
    public long Id { get; set; }
    public long TenantId { get; set; }
    public long LeadId { get; set; }

    /// <summary>One of the lead's deals, or null for an activity about the lead alone.</summary>
    public long? DealId { get; set; }

    /// <summary>Who is to do it (user id).</summary>
    public long UserId { get; set; }

    /// <summary>Who scheduled it (user id).</summary>
    public long CreatedBy { get; set; }

    public long ActivityTypeId { get; set; }
    public required string Subject { get; set; }
    public string? Notes { get; set; }

    /// <summary>The day it is due, in the company's time zone (Pipeline:TimeZone): a calendar day, not an instant.</summary>
    public DateOnly DueDate { get; set; }

    /// <summary>The time of day it is due (company time), or null for "all day".</summary>
    public TimeOnly? DueTime { get; set; }

    public int? DurationMinutes { get; set; }
    public DateTimeOffset? DoneAt { get; set; }
    public long? DoneBy { get; set; }

    /// <summary>What came of it, written when completing.</summary>
    public string? Outcome { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public Lead? Lead { get; set; }
    public Deal? Deal { get; set; }
}
