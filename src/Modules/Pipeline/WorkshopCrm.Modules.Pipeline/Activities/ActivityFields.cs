using FluentValidation;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>What an activity says, as creating and editing it send it.</summary>
internal interface IActivityFields
{
    long TypeId { get; }
    string Subject { get; }
    DateOnly? DueDate { get; }
    TimeOnly? DueTime { get; }
    int? DurationMinutes { get; }
    string? Notes { get; }
    long? OwnerId { get; }
}

/// <summary>The rules of an activity's fields, shared by creating and editing.</summary>
internal static class ActivityFields
{
    public const int SubjectMax = 255;
    public const int NotesMax = 10_000;
    public const int OutcomeMax = 2_000;
    public const int MaxDurationMinutes = 24 * 60;

    /// <summary>Dates a person means: a typo like year 20260 or 0026 is refused, not scheduled.</summary>
    public static readonly DateOnly Earliest = new(2000, 1, 1);
    public static readonly DateOnly Latest = new(2099, 12, 31);

    public static void Apply<T>(AbstractValidator<T> v) where T : IActivityFields
    {
        v.RuleFor(r => r.TypeId).Must(ActivityType.Exists).WithMessage("No such activity type.").OverridePropertyName("typeId");
        v.RuleFor(r => r.Subject).RequiredLine(SubjectMax).OverridePropertyName("subject");
        v.RuleFor(r => r.DueDate).NotNull().WithMessage("Required.")
            .Must(d => d is null || (d >= Earliest && d <= Latest)).WithMessage("Must be between 2000-01-01 and 2099-12-31.")
            .OverridePropertyName("dueDate");
        v.RuleFor(r => r.DueTime).Must((r, t) => t is null || r.DueDate is not null).WithMessage("A time needs a date.")
            .OverridePropertyName("dueTime");
        v.RuleFor(r => r.DurationMinutes).InclusiveBetween(1, MaxDurationMinutes).When(r => r.DurationMinutes is not null)
            .WithMessage($"Must be between 1 and {MaxDurationMinutes}.").OverridePropertyName("durationMinutes");
        v.RuleFor(r => r.DurationMinutes).Must((r, d) => d is null || r.DueTime is not null)
            .WithMessage("A duration needs a time.").OverridePropertyName("durationMinutes");
        v.RuleFor(r => r.Notes).OptionalText(NotesMax).OverridePropertyName("notes");
        v.RuleFor(r => r.OwnerId).GreaterThan(0).When(r => r.OwnerId is not null).WithMessage("No such user.").OverridePropertyName("ownerId");
    }

    /// <summary>The fields onto the row: trimmed, blanks as null, the time to the minute.</summary>
    public static void CopyTo(IActivityFields fields, Activity activity)
    {
        activity.ActivityTypeId = fields.TypeId;
        activity.Subject = fields.Subject.Trim();
        activity.DueDate = fields.DueDate!.Value;
        activity.DueTime = fields.DueTime is { } t ? new TimeOnly(t.Hour, t.Minute) : null;
        activity.DurationMinutes = fields.DurationMinutes;
        activity.Notes = string.IsNullOrWhiteSpace(fields.Notes) ? null : fields.Notes.Trim();
    }
}
