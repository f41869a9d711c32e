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

    /// <summary>
    /// Creates an empty database and answers its connection string (the owner's: a superuser, beyond RLS). For what
    /// sets a database up itself: the migrate and seed-demo verbs, the shared kernel's widget schemas.
    /// </summary>
    public static Task<string> CreateDatabaseAsync(string purpose) => CreateAsync(purpose, template: null);

    /// <summary>
    /// Creates a database with every module's migrations already applied, as the Host finds it on any start but the
    /// first after a deploy, and answers its connection string (the owner's). A copy of a template migrated once per
    /// build of the modules (<c>CREATE DATABASE … TEMPLATE … STRATEGY FILE_COPY</c>, a file copy), instead of each test
    /// class's Host running every migration again (about 2 s of two busy cores each, some 60 times a run).
    /// </summary>
    public static async Task<string> CreateMigratedDatabaseAsync(string purpose) => await CreateAsync(purpose, await MigratedTemplate.Value);

    private static readonly Lazy<Task<string>> MigratedTemplate = new(CreateMigratedTemplateAsync);

    private static async Task<string> CreateAsync(string purpose, string? template)
    {
        var admin = await Server.Value;
        var name = $"t_{Slug(purpose)}_{Guid.NewGuid():N}";
        name = name.Length > 40 ? name[..40] : name;
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            // FILE_COPY: the template's files copied as they are (two checkpoints, cheap with the test cluster's fsync
            // off), not PostgreSQL 15's default WAL_LOG, which reads and WAL-logs every page: 20 copies of the 10 MB
            // template took 0.8 s and no measurable CPU against 2.9 s and 2-3 CPU-seconds.
            var from = template is null ? "" : $" TEMPLATE \"{template}\" STRATEGY FILE_COPY";
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"{from}", connection);
            await create.ExecuteNonQueryAsync();
        }

        return Named(admin, name);
    }

    private static string Named(string admin, string database) =>
        new NpgsqlConnectionStringBuilder(admin) { Database = database, Pooling = true, MaxPoolSize = 30 }.ConnectionString;

    /// <summary>
    /// The template, named after the modules' build (their assemblies' bytes), so that a changed migration makes a
    /// new one. Test processes start together: the first migrates it with the Host's own migrate verb, the others wait
    /// on a lock and find it done (marked a template only once migrated; a half-made one from a killed run is redone).
    /// </summary>
    private static async Task<string> CreateMigratedTemplateAsync()
    {
        var admin = await Server.Value;
        var name = "t_template_" + ModulesBuild();
        await using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(admin) { Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        await ExecuteAsync(connection, "SELECT pg_advisory_lock(hashtext('workshopcrm-test-template'))");
        try
        {
            await using (var done = new NpgsqlCommand("SELECT EXISTS (SELECT FROM pg_database WHERE datname = $1 AND datistemplate)", connection))
            {
                done.Parameters.Add(new NpgsqlParameter<string> { TypedValue = name });
                if ((bool)(await done.ExecuteScalarAsync())!)
                    return name;
            }

            await ExecuteAsync(connection, $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)");
            await ExecuteAsync(connection, $"CREATE DATABASE \"{name}\"");
            var (exitCode, output) = await HostProcess.RunVerbAsync(HostDatabase(Named(admin, name), "__"), "migrate");
            if (exitCode != 0)
                throw new InvalidOperationException($"Migrating the tests' template database failed ({exitCode}):\n{output}");
            await ExecuteAsync(connection, $"ALTER DATABASE \"{name}\" IS_TEMPLATE true");
            return name;
        }
        finally
        {
            await ExecuteAsync(connection, "SELECT pg_advisory_unlock(hashtext('workshopcrm-test-template'))");
        }
    }

    /// <summary>A short hash of the Host's and the modules' assemblies next to the tests (deterministic builds: same code, same bytes).</summary>
    private static string ModulesBuild()
    {
        var assemblies = Directory.GetFiles(AppContext.BaseDirectory, "WorkshopCrm.*.dll")
            .Where(path => !Path.GetFileName(path).Contains("Test", StringComparison.Ordinal) && !Path.GetFileName(path).Contains("E2E", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        using var hash = System.Security.Cryptography.IncrementalHash.CreateHash(System.Security.Cryptography.HashAlgorithmName.SHA256);
        foreach (var path in assemblies)
            hash.AppendData(File.ReadAllBytes(path));
        return Convert.ToHexStringLower(hash.GetHashAndReset())[..16];
    }

    /// <summary>Runs one statement on an open connection (set-up and catalog checks in tests).</summary>
    public static async Task ExecuteAsync(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
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
