using System.Text.Json;

namespace WorkshopCrm.Testing;

/// <summary>A problem-details answer as a client reads it.</summary>
public sealed record Problem(int Status, string Title, string Code, Dictionary<string, string[]> Errors, string? Detail)
{
    public static async Task<Problem> ReadAsync(HttpResponseMessage response)
    {
        Xunit.Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var root = json.RootElement;
        var errors = root.TryGetProperty("errors", out var e)
            ? e.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.EnumerateArray().Select(v => v.GetString()!).ToArray())
            : [];
        return new Problem(
            root.GetProperty("status").GetInt32(),
            root.GetProperty("title").GetString()!,
            root.GetProperty("code").GetString()!,
            errors,
            root.TryGetProperty("detail", out var d) ? d.GetString() : null);
    }
}
