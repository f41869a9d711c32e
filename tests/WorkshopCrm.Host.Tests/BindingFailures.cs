using System.Text;
using System.Text.Json;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// A request that cannot even be bound to its type names the field in words the SPA translates ("Required.",
/// "Must be a number."), on every endpoint; never System.Text.Json's or FastEndpoints' own text.
/// </summary>
public sealed class BindingFailures(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Theory]
    [InlineData("/api/deals", """{"leadId": null, "title": "Frota"}""", "leadId", "Required.")]
    [InlineData("/api/deals", """{"leadId": "abc", "title": "Frota"}""", "leadId", "Must be a whole number.")]
    [InlineData("/api/deals", """{"leadId": 1, "title": "Frota", "value": "abc"}""", "value", "Must be a number.")]
    [InlineData("/api/deals", """{"leadId": 99999999999999999999999, "title": "Frota"}""", "leadId", "Must be a whole number.")]
    [InlineData("/api/leads", """{"name": 5, "email": "a@b.com"}""", "name", "Must be text.")]
    [InlineData("/api/auth/login", """{"email": "a@b.com", "password": "x", "rememberMe": "yes"}""", "rememberMe", "Must be true or false.")]
    public async Task A_body_value_of_the_wrong_type_is_a_400_naming_its_field_in_words(string route, string json, string field, string message)
    {
        var owner = await app.ACompanyAsync();

        var response = await SendJsonAsync(owner, route, json);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        var body = await response.Content.ReadAsStringAsync();
        Assert.DoesNotContain("token type", body, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", body, StringComparison.Ordinal);
        Assert.Equal([message], (await Problem.ReadAsync(response)).Errors[field]);
    }

    [Fact]
    public async Task A_body_that_is_not_json_says_so()
    {
        var owner = await app.ACompanyAsync();

        var response = await SendJsonAsync(owner, "/api/deals", """{"leadId": 1, "title": """);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal("request.malformed_json", problem.Code);
        Assert.Equal(["The request body is not valid JSON."], problem.Errors[""]);
    }

    [Fact]
    public async Task A_get_or_delete_that_says_json_but_sends_no_body_is_bound_from_its_route_and_query()
    {
        // What curl with `-H 'Content-Type: application/json'` on every call, or an API tool, sends.
        var owner = await app.ACompanyAsync();
        var lead = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Joana Lima", email = Given.UniqueEmail("lead") }).ReadAsync<JsonElement>(HttpStatusCode.Created);

        var listed = await owner.Client.SendAsync(SaysJsonSendsNothing(owner, HttpMethod.Get, "/api/leads?page=1&search=joana"));
        var deleted = await owner.Client.SendAsync(SaysJsonSendsNothing(owner, HttpMethod.Delete, $"/api/leads/{lead.GetProperty("id").GetInt64()}"));
        var emptyPost = await owner.Client.SendAsync(SaysJsonSendsNothing(owner, HttpMethod.Post, "/api/deals"));

        Assert.Equal(HttpStatusCode.OK, listed.StatusCode);
        Assert.Equal("Joana Lima", (await listed.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0].GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.NoContent, deleted.StatusCode);
        Assert.Equal("request.malformed_json", (await Problem.ReadAsync(emptyPost)).Code); // a POST without its body still says so
    }

    private static HttpRequestMessage SaysJsonSendsNothing(Account account, HttpMethod method, string route)
    {
        var request = account.Request(method, route);
        request.Content = new ByteArrayContent([]);
        request.Content.Headers.ContentType = new("application/json");
        return request;
    }

    [Theory]
    [InlineData("/api/leads?page=abc", "page", "Must be a whole number.")]
    [InlineData("/api/leads?ownerId=x", "ownerId", "Must be a whole number.")]
    [InlineData("/api/pipeline/board?perColumn=1.5", "perColumn", "Must be a whole number.")]
    public async Task A_query_value_of_the_wrong_type_is_a_400_naming_its_field_in_words(string route, string field, string message)
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Get, route);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal([message], (await Problem.ReadAsync(response)).Errors[field]);
    }

    private static Task<HttpResponseMessage> SendJsonAsync(Account account, string route, string json)
    {
        var request = account.Request(HttpMethod.Post, route);
        request.Content = new StringContent(json, Encoding.UTF8, "application/json");
        return account.Client.SendAsync(request);
    }
}
