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
}
