using System.Text.Json;
using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Shared.Tests;

/// <summary>What System.Text.Json says about a value of the wrong kind, turned into the field and a sentence.</summary>
public sealed class BindingErrorSentences
{
    private sealed record Body(long LeadId, decimal Value, string? Title, bool RememberMe, DateTimeOffset? When, long? OwnerId);

    private sealed class Settable
    {
        public decimal Value { get; init; }
        public int Count { get; init; }
    }

    private static readonly JsonSerializerOptions Web = new(JsonSerializerDefaults.Web);

    [Theory]
    [InlineData("""{"leadId": null}""", "leadId", "Required.")]
    [InlineData("""{"leadId": "abc"}""", "leadId", "Must be a whole number.")]
    [InlineData("""{"leadId": 1.5}""", "leadId", "Must be a whole number.")]
    [InlineData("""{"leadId": 99999999999999999999999}""", "leadId", "Must be a whole number.")]
    [InlineData("""{"value": "abc"}""", "value", "Must be a number.")]
    [InlineData("""{"value": true}""", "value", "Must be a number.")]
    [InlineData("""{"title": 5}""", "title", "Must be text.")]
    [InlineData("""{"rememberMe": "yes"}""", "rememberMe", "Must be true or false.")]
    [InlineData("""{"when": "yesterday"}""", "when", "Must be a date.")]
    [InlineData("""{"ownerId": "x"}""", "ownerId", "Must be a whole number.")]
    public void A_record_property_of_the_wrong_kind_is_named_with_a_sentence(string json, string field, string sentence)
    {
        var failure = BindingErrors.FromJson(Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Web)));

        Assert.Equal((field, sentence), (failure.PropertyName, failure.ErrorMessage));
    }

    [Theory]
    [InlineData("""{"value": "abc"}""", "value", "Must be a number.")]
    [InlineData("""{"count": 2.5}""", "count", "Must be a whole number.")]
    public void A_settable_property_of_the_wrong_kind_is_named_too(string json, string field, string sentence)
    {
        var failure = BindingErrors.FromJson(Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Settable>(json, Web)));

        Assert.Equal((field, sentence), (failure.PropertyName, failure.ErrorMessage));
    }

    [Theory]
    [InlineData("""{"value": """)]
    [InlineData("""not json""")]
    [InlineData("""{"value": 1,}""")]
    public void A_body_that_is_not_json_says_so_for_the_whole_body(string json)
    {
        var failure = BindingErrors.FromJson(Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<Body>(json, Web)));

        Assert.Equal(("", "The request body is not valid JSON.", "request.malformed_json"), (failure.PropertyName, failure.ErrorMessage, failure.ErrorCode));
    }
}
