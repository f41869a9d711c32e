using System.Diagnostics;

namespace WorkshopCrm.Testing;

/// <summary>
/// Counts the database round trips one HTTP request makes (Npgsql's activities that share the request's trace),
/// so a test can hold a hot route to its query budget (no N+1).
/// </summary>
public sealed class SqlCounter : IDisposable
{
    private readonly ActivityListener _listener;
    private readonly ActivityTraceId _trace = ActivityTraceId.CreateRandom();
    private readonly List<string> _commands = [];

    public SqlCounter()
    {
        _listener = new ActivityListener
        {
            // ASP.NET Core makes the request's Activity (continuing our traceparent) only when someone listens to it.
            ShouldListenTo = source => source.Name is "Npgsql" or "Microsoft.AspNetCore",
            Sample = (ref ActivityCreationOptions<ActivityContext> _) => ActivitySamplingResult.AllDataAndRecorded,
            ActivityStopped = activity =>
            {
                if (activity.TraceId != _trace || activity.Source.Name != "Npgsql")
                    return;
                lock (_commands)
                    _commands.Add(activity.DisplayName + ": " + (activity.GetTagItem("db.query.text") ?? activity.GetTagItem("db.statement")));
            },
        };
        ActivitySource.AddActivityListener(_listener);
    }

    /// <summary>Marks a request as the one to count (W3C traceparent, which ASP.NET Core continues).</summary>
    public HttpRequestMessage Tag(HttpRequestMessage request)
    {
        request.Headers.Add("traceparent", $"00-{_trace}-{ActivitySpanId.CreateRandom()}-01");
        return request;
    }

    public IReadOnlyList<string> Commands
    {
        get
        {
            lock (_commands)
                return [.. _commands];
        }
    }

    public void Dispose() => _listener.Dispose();
}
