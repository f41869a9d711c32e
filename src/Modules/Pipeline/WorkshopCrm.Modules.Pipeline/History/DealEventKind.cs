using WorkshopCrm.Shared.Data;

namespace WorkshopCrm.Modules.Pipeline.History;

/// <summary>pipeline.deal_event_kinds: what a history entry says happened, seeded (design note 2: a lookup table, no enum).</summary>
internal sealed class DealEventKind : IHasTimestamps
{
    public const long Created = 1;
    public const long StageChanged = 2;
    public const long OwnerChanged = 3;
    public const long ValueChanged = 4;
    public const long TitleChanged = 5;
    public const long NoteAdded = 6;
    public const long ActivityCompleted = 7;
    public const long WhatsAppIn = 8;
    public const long WhatsAppOut = 9;

    public long Id { get; set; }

    /// <summary>The API's name of the kind (<c>stage_changed</c>).</summary>
    public required string Name { get; set; }

    public DateTimeOffset? CreatedAt { get; set; }
    public DateTimeOffset? UpdatedAt { get; set; }

    public static readonly DealEventKind[] Seeded =
    [
        new() { Id = Created, Name = "created" },
        new() { Id = StageChanged, Name = "stage_changed" },
        new() { Id = OwnerChanged, Name = "owner_changed" },
        new() { Id = ValueChanged, Name = "value_changed" },
        new() { Id = TitleChanged, Name = "title_changed" },
        new() { Id = NoteAdded, Name = "note_added" },
        new() { Id = ActivityCompleted, Name = "activity_completed" },
        new() { Id = WhatsAppIn, Name = "whatsapp_in" },
        new() { Id = WhatsAppOut, Name = "whatsapp_out" },
    ];

    public static string NameOf(long kindId) => Seeded.Single(k => k.Id == kindId).Name;
}
