using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Xunit;

namespace WorkshopCrm.Testing;

public static class Responses
{
    /// <summary>The body of an answer that must have <paramref name="expected"/> status (the body is shown when not).</summary>
    public static async Task<T> ReadAsync<T>(this Task<HttpResponseMessage> request, HttpStatusCode expected = HttpStatusCode.OK)
    {
        var response = await request;
        Assert.True(response.StatusCode == expected, $"{(int)response.StatusCode}: {await response.Content.ReadAsStringAsync()}");
        return (await response.Content.ReadFromJsonAsync<T>())!;
    }

    /// <summary>The data of the next Server-Sent Event of that type (others are skipped); fails after the usual wait.</summary>
    public static async Task<JsonElement> NextEventAsync(this StreamReader reader, string type)
    {
        using var timeout = new CancellationTokenSource(Eventually.DefaultTimeout);
        var current = "";
        while (await reader.ReadLineAsync(timeout.Token) is { } line)
        {
            if (line.StartsWith("event:", StringComparison.Ordinal))
                current = line[6..].Trim();
            else if (line.StartsWith("data:", StringComparison.Ordinal) && current == type)
                return JsonDocument.Parse(line[5..]).RootElement.Clone();
        }

        throw new InvalidOperationException("The event stream ended.");
    }
}
