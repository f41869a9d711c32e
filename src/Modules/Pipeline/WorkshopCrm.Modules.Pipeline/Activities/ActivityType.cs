using WorkshopCrm.Contracts.Pipeline;
using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>pipeline.activity_types: what kind of follow-up an activity is, seeded (design note 2: a lookup table, no enum).</summary>
internal sealed class ActivityType : IHasTimestamps
{
    public long Id { get; set; }

    /// <summary>The English name; the SPA and the e-mails show it in the user's language.</summary>
    public required string Name { get; set; }

    public int SortOrder { get; set; }
    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static readonly ActivityType[] Seeded =
    [
        new() { Id = ActivityTypeIds.Call, Name = "Call", SortOrder = 1 },
        new() { Id = ActivityTypeIds.WhatsApp, Name = "WhatsApp", SortOrder = 2 },
        new() { Id = ActivityTypeIds.Meeting, Name = "Meeting", SortOrder = 3 },
        new() { Id = ActivityTypeIds.Email, Name = "E-mail", SortOrder = 4 },
        new() { Id = ActivityTypeIds.Visit, Name = "Visit", SortOrder = 5 },
        new() { Id = ActivityTypeIds.Task, Name = "Task", SortOrder = 6 },
    ];

    public static bool Exists(long typeId) => Seeded.Any(t => t.Id == typeId);

    public static string NameOf(long typeId) => Seeded.Single(t => t.Id == typeId).Name;

    /// <summary>The type's name in pt-BR, for what the server writes itself (e-mails, files).</summary>
    public static string PortugueseNameOf(long typeId) => Portuguese.GetValueOrDefault(typeId, NameOf(typeId));

    private static readonly Dictionary<long, string> Portuguese = new()
    {
        [ActivityTypeIds.Call] = "Ligação", [ActivityTypeIds.WhatsApp] = "WhatsApp", [ActivityTypeIds.Meeting] = "Reunião",
        [ActivityTypeIds.Email] = "E-mail", [ActivityTypeIds.Visit] = "Visita", [ActivityTypeIds.Task] = "Tarefa",
    };
}
