using System.Text.RegularExpressions;

namespace WorkshopCrm.Architecture.Tests;

/// <summary>
/// The Host's database connections carry no state from one use to the next (ADR 0029): Npgsql's reset on return is
/// off, and pgbouncer's transaction mode gives each transaction any server connection (docs/operations/scale-out.md).
/// A session-level setting, lock, prepared statement or temporary table in the source would leak into the next
/// request's transaction, perhaps another company's; this holds the source (src/, migrations aside) to that. Two
/// exceptions, each in one place: Npgsql's automatic preparation of the runtime connections (ADR 0033), and the
/// migrator's lock on its own unpooled owner connection.
/// </summary>
public sealed partial class SessionState
{
    [Fact]
    public void No_statement_in_the_source_leaves_state_on_the_database_session()
    {
        var files = Directory.EnumerateFiles(Path.Combine(Solution.Root(), "src"), "*.cs", SearchOption.AllDirectories)
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}obj{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal)
                && !f.Contains($"{Path.DirectorySeparatorChar}Migrations{Path.DirectorySeparatorChar}", StringComparison.Ordinal));

        var findings = files.SelectMany(file => Findings(File.ReadAllText(file))
                .Where(f => !IsTheOneAutoPrepare(file, f) && !IsTheMigrationLock(file, f))
                .Select(f => $"{Path.GetFileName(file)}: {f}"))
            .ToList();

        Assert.True(findings.Count == 0, "Session state (use SET LOCAL, set_config(…, true), pg_advisory_xact_lock, no Prepare):\n" + string.Join("\n", findings));
    }

    [Fact]
    public void The_check_finds_each_kind_of_session_state()
    {
        string[] leaks =
        [
            "SELECT set_config('app.tenant_id', '1', false)", "SET ROLE workshopcrm_app_across", "SET search_path TO pipeline",
            "SELECT pg_advisory_lock(42)", "await command.PrepareAsync(ct);", "CREATE TEMP TABLE x (id int)", "Max Auto Prepare=20",
        ];
        string[] fine = ["SELECT set_config('app.tenant_id', '1', true)", "SET LOCAL ROLE x", "SET TRANSACTION READ ONLY", "SELECT pg_advisory_xact_lock(42)"];

        Assert.All(leaks, leak => Assert.NotEmpty(Findings(leak)));
        Assert.All(fine, ok => Assert.Empty(Findings(ok)));
    }

    /// <summary>
    /// Npgsql's automatic preparation, set in one place (SharedKernel.RuntimeDataSource, ADR 0033): a prepared
    /// statement holds a plan, never a value, and Database:PrepareStatements turns it off behind a transaction-mode pooler.
    /// </summary>
    private static bool IsTheOneAutoPrepare(string file, string finding) =>
        Path.GetFileName(file) == "SharedKernel.cs" && finding.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase);

    /// <summary>
    /// Instances that migrate on start take turns (DatabaseMigrator): a session lock, because EF's migrations commit
    /// transactions of their own, taken on an unpooled connection to PostgreSQL itself that closes, lock and all, when
    /// the migration ends. No other use ever sees that session.
    /// </summary>
    private static bool IsTheMigrationLock(string file, string finding) =>
        Path.GetFileName(file) == "DatabaseMigrator.cs" && finding.StartsWith("pg_advisory_lock(", StringComparison.OrdinalIgnoreCase);

    private static IEnumerable<string> Findings(string source) => SessionLevel().Matches(source).Select(m => m.Value);

    [GeneratedRegex(
        @"set_config\([^)]*,\s*false\s*\)|\bSET\s+(?!LOCAL\b|TRANSACTION\b|CONSTRAINTS\b)(ROLE|SESSION|search_path|[a-z_]+\.[a-z_]+|statement_timeout|lock_timeout|TIME\s+ZONE|timezone)\b|pg_advisory_lock(_shared)?\(|\.Prepare(Async)?\(|CREATE\s+(TEMP|TEMPORARY)\s+TABLE|Max\s*Auto\s*Prepare",
        RegexOptions.IgnoreCase)]
    private static partial Regex SessionLevel();
}
