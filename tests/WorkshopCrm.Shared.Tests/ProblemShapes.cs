using WorkshopCrm.Shared.Http;

namespace WorkshopCrm.Shared.Tests;

public sealed class ProblemShapes
{
    [Theory]
    [InlineData("Email", "email")]
    [InlineData("Lead.Email", "lead.email")]
    [InlineData("GeneralErrors", "")]
    [InlineData("", "")]
    public void Validation_errors_name_fields_as_the_json_does(string property, string field) =>
        Assert.Equal(field, ValidationProblems.FieldName(property));

    [Fact]
    public void A_database_that_went_away_is_a_503_not_a_500()
    {
        var (status, code, _) = CrmExceptionHandler.Classify(new Npgsql.NpgsqlException("boom", new System.Net.Sockets.SocketException()));

        Assert.Equal((503, "database.unavailable"), (status, code));
    }

    [Fact]
    public void Any_other_failure_is_a_500_with_a_generic_title()
    {
        var (status, code, title) = CrmExceptionHandler.Classify(new InvalidOperationException("secret detail"));

        Assert.Equal((500, "server.error"), (status, code));
        Assert.DoesNotContain("secret", title, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Development", "secret detail")]
    [InlineData("Production", null)]
    public async Task A_500_says_at_most_the_message_and_the_trace_id_never_the_stack_trace(string environment, string? detail)
    {
        var handler = new CrmExceptionHandler(new Environment(environment), Microsoft.Extensions.Logging.Abstractions.NullLogger<CrmExceptionHandler>.Instance);
        var http = new Microsoft.AspNetCore.Http.DefaultHttpContext { RequestServices = Services.Instance };
        http.Response.Body = new MemoryStream();
        Exception thrown;
        try
        {
            throw new InvalidOperationException("secret detail");
        }
        catch (InvalidOperationException e)
        {
            thrown = e;
        }

        await handler.TryHandleAsync(http, thrown, CancellationToken.None);

        http.Response.Body.Position = 0;
        using var json = await System.Text.Json.JsonDocument.ParseAsync(http.Response.Body);
        var root = json.RootElement;
        Assert.Equal(500, http.Response.StatusCode);
        Assert.Equal(detail, root.TryGetProperty("detail", out var d) ? d.GetString() : null);
        Assert.False(string.IsNullOrEmpty(root.GetProperty("traceId").GetString()));
        Assert.DoesNotContain(" at ", root.GetRawText(), StringComparison.Ordinal);
    }

    private sealed class Environment(string name) : Microsoft.AspNetCore.Hosting.IWebHostEnvironment
    {
        public string EnvironmentName { get; set; } = name;
        public string ApplicationName { get; set; } = "tests";
        public string WebRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider WebRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
        public string ContentRootPath { get; set; } = "";
        public Microsoft.Extensions.FileProviders.IFileProvider ContentRootFileProvider { get; set; } = new Microsoft.Extensions.FileProviders.NullFileProvider();
    }

    /// <summary>What TypedResults.Problem needs to write itself: the problem-details service's defaults.</summary>
    private static class Services
    {
        public static readonly IServiceProvider Instance = Microsoft.Extensions.DependencyInjection.ServiceCollectionContainerBuilderExtensions.BuildServiceProvider(
            Microsoft.Extensions.DependencyInjection.LoggingServiceCollectionExtensions.AddLogging(
                Microsoft.Extensions.DependencyInjection.ProblemDetailsServiceCollectionExtensions.AddProblemDetails(
                    new Microsoft.Extensions.DependencyInjection.ServiceCollection())));
    }
}
