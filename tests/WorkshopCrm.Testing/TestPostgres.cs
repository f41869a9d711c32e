using Npgsql;
using Testcontainers.PostgreSql;

namespace WorkshopCrm.Testing;

/// <summary>
/// The PostgreSQL server tests run against: the one scripts/test.sh started (WORKSHOPCRM_TEST_POSTGRES), or a
/// Testcontainers postgres:18 where a Docker engine is available. Every test class gets a database of its own.
/// </summary>
public static class TestPostgres
{
    private static readonly Lazy<Task<string>> Server = new(StartServerAsync);

    /// <summary>Creates an empty database and answers its connection string.</summary>
    public static async Task<string> CreateDatabaseAsync(string purpose)
    {
        var admin = await Server.Value;
        var name = $"t_{Slug(purpose)}_{Guid.NewGuid():N}";
        name = name.Length > 40 ? name[..40] : name;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }

        return new NpgsqlConnectionStringBuilder(admin) { Database = name, Pooling = true, MaxPoolSize = 30 }.ConnectionString;
    }

    private static async Task<string> StartServerAsync()
    {
        var configured = Environment.GetEnvironmentVariable("WORKSHOPCRM_TEST_POSTGRES");
        if (!string.IsNullOrWhiteSpace(configured))
            return configured;

        try
        {
            var container = new PostgreSqlBuilder("postgres:18").Build();
            await container.StartAsync();
            return container.GetConnectionString();
        }
        catch (Exception ex)
        {
            throw new InvalidOperationException(
                "No PostgreSQL for the tests: run them with scripts/test.sh (it starts one), set WORKSHOPCRM_TEST_POSTGRES, " +
                "or make a Docker engine available for Testcontainers.", ex);
        }
    }

    private static string Slug(string purpose) =>
        new(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16).ToArray());
}
