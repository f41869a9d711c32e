using System.Text.Json;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>A board's Server-Sent Events connection (/api/pipeline/events), read one event at a time.</summary>
internal sealed class EventStream : IAsyncDisposable
{
    private readonly HttpResponseMessage _response;
    private readonly StreamReader _reader;

    private EventStream(HttpResponseMessage response, StreamReader reader) => (_response, _reader) = (response, reader);

    public static async Task<EventStream> OpenAsync(Account account)
    {
        var response = await account.Client.SendAsync(account.Request(HttpMethod.Get, "/api/pipeline/events"), HttpCompletionOption.ResponseHeadersRead);
        Assert.Equal("text/event-stream", response.Content.Headers.ContentType?.MediaType);
        var stream = new EventStream(response, new StreamReader(await response.Content.ReadAsStreamAsync()));
        await stream.NextAsync("ready");
        return stream;
    }

    public Task<JsonElement> NextAsync(string type) => _reader.NextEventAsync(type);

    public ValueTask DisposeAsync()
    {
        _reader.Dispose();
        _response.Dispose();
        return ValueTask.CompletedTask;
    }
}
