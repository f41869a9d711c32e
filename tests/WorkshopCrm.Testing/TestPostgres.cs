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

    /// <summary>The Host's runtime role in every test: no superuser, no BYPASSRLS, owns nothing (ADR 0018).</summary>
    public const string RuntimeRole = "workshopcrm_app";
    private const string RuntimePassword = "workshopcrm_app";

    /// <summary>
    /// <paramref name="database"/> (the owner's connection string, as <see cref="CreateDatabaseAsync"/> answers it) as
    /// the runtime role sees it: row-level security applies to it.
    /// </summary>
    public static string AsRuntimeRole(string database) =>
        new NpgsqlConnectionStringBuilder(database) { Username = RuntimeRole, Password = RuntimePassword }.ConnectionString;

    /// <summary>
    /// The two connection strings a Host gets, as configuration keys joined with <paramref name="separator"/> (":" in
    /// memory, "__" in a process environment): Default is the runtime role, Migrations the owner.
    /// </summary>
    public static Dictionary<string, string> HostDatabase(string database, string separator = ":") => new()
    {
        [$"ConnectionStrings{separator}Default"] = AsRuntimeRole(database),
        [$"ConnectionStrings{separator}Migrations"] = database,
    };

    /// <summary>Creates an empty database and answers its connection string (the owner's: a superuser, beyond RLS).</summary>
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
        var admin = await FindServerAsync();
        await EnsureRuntimeRoleAsync(admin);
        return admin;
    }

    private static async Task<string> FindServerAsync()
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

    /// <summary>
    /// Roles are the server's, shared by every test process: created once, and a race for it is no failure. The runtime
    /// role and its across role (ADR 0018).
    /// </summary>
    private static async Task EnsureRuntimeRoleAsync(string admin)
    {
        await using var connection = new NpgsqlConnection(admin);
        await connection.OpenAsync();
        await using var create = new NpgsqlCommand(
            $"""
             DO $$ BEGIN
               IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{RuntimeRole}') THEN
                 CREATE ROLE {RuntimeRole} LOGIN PASSWORD '{RuntimePassword}' NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOINHERIT;
               END IF;
             END $$
             """, connection);
        try
        {
            await create.ExecuteNonQueryAsync();
        }
        catch (PostgresException ex) when (ex.SqlState is PostgresErrorCodes.DuplicateObject or PostgresErrorCodes.UniqueViolation)
        {
            // another test process created it a moment ago
        }

        // Made here once, as every Host's migrate step would, so that Hosts starting at once do not all race for it.
        await WorkshopCrm.Shared.Data.RowLevelSecurity.EnsureAcrossRoleAsync(connection, RuntimeRole, CancellationToken.None);
    }

    private static string Slug(string purpose) =>
        new(purpose.ToLowerInvariant().Where(char.IsAsciiLetterOrDigit).Take(16).ToArray());
}
