using FastEndpoints;

namespace WorkshopCrm.Modules.Pipeline.Activities;

/// <summary>The kinds of activity (seeded): Call, WhatsApp, Meeting, E-mail, Visit, Task.</summary>
internal sealed class ListActivityTypes : EndpointWithoutRequest<IReadOnlyList<ActivityTypeView>>
{
    private static readonly IReadOnlyList<ActivityTypeView> Types =
        ActivityType.Seeded.OrderBy(t => t.SortOrder).Select(t => new ActivityTypeView(t.Id, t.Name)).ToList();

    public override void Configure()
    {
        Get("/api/activity-types");
        Summary(s => s.Summary = "The activity types");
    }

    public override Task HandleAsync(CancellationToken ct) => Send.OkAsync(Types, ct);
}
