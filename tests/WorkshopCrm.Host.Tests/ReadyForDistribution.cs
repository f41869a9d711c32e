using System.Text.RegularExpressions;
using Npgsql;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// Issue 20: the path to distributed PostgreSQL (Citus, distributed by tenant_id), docs/operations/scale-out.md. What can
/// be checked before any Citus cluster exists: every table is a tenant table or is placed on purpose; the keys and
/// foreign keys that still lack tenant_id are exactly the ones the document lists (a new one fails, a fixed one must
/// leave the list); and every hand-written statement ties each tenant table it names to one tenant, or is listed with
/// its reason. The tables come from the migrated catalog and the statements from src/, so new ones are checked unasked.
/// </summary>
public sealed partial class ReadyForDistribution(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    private enum Placement { Reference, CoordinatorOnly, DistributedById }

    /// <summary>The tables without tenant_id, each with where it goes in a Citus cluster and why.</summary>
    private static readonly Dictionary<string, (Placement Placement, string Why)> NotTenantTables = new(StringComparer.Ordinal)
    {
        ["identity.tenants"] = (Placement.DistributedById, "the company itself: its id is every other table's tenant_id"),
        // Lookups seeded by migrations, the same for every company, joined by tenant tables: a copy on every node.
        ["identity.roles"] = (Placement.Reference, "lookup"),
        ["identity.user_statuses"] = (Placement.Reference, "lookup"),
        ["identity.audit_actions"] = (Placement.Reference, "lookup"),
        ["invitations.invitation_statuses"] = (Placement.Reference, "lookup"),
        ["pipeline.pipeline_stages"] = (Placement.Reference, "lookup"),
        ["pipeline.activity_types"] = (Placement.Reference, "lookup"),
        ["pipeline.deal_event_kinds"] = (Placement.Reference, "lookup"),
        ["pipeline.import_statuses"] = (Placement.Reference, "lookup"),
        ["whatsapp.whatsapp_connection_statuses"] = (Placement.Reference, "lookup"),
        ["pipeline.company_time_zone"] = (Placement.Reference, "the install's one report time zone, read by the totals triggers wherever deals live"),
        // Sign-in state, found before the company is known (a cookie, a link, an e-mail): kept on the coordinator.
        ["identity.sessions"] = (Placement.CoordinatorOnly, "a refresh cookie names a session, not a company"),
        ["identity.email_verification_tokens"] = (Placement.CoordinatorOnly, "a verification link names a token, not a company"),
        ["identity.password_reset_tokens"] = (Placement.CoordinatorOnly, "a reset link names an e-mail, not a company"),
        ["identity.rate_limit_windows"] = (Placement.CoordinatorOnly, "a limit belongs to an address or an e-mail (ADR 0027)"),
    };

    /// <summary>Machinery every module schema has: claimed across companies by the dispatcher, or the migrations' own.</summary>
    private static readonly Dictionary<string, string> InEveryModuleSchema = new(StringComparer.Ordinal)
    {
        ["outbox_messages"] = "claimed with SKIP LOCKED across companies by the module's dispatcher: coordinator only",
        ["inbox_messages"] = "written in the consumer's transaction, keyed by message id: coordinator only",
        ["__ef_migrations_history"] = "the migrations' bookkeeping: coordinator only",
    };

    /// <summary>Unique keys of tenant tables without tenant_id (Citus refuses them): each becomes (tenant_id, …) or moves to a lookup table.</summary>
    private static readonly HashSet<string> KeysWithoutTenant = new(StringComparer.Ordinal)
    {
        "identity.users_pkey", "identity.users_email_unique", "identity.audit_log_pkey",
        "invitations.invitations_pkey", "invitations.invitations_token_unique",
        "pipeline.leads_pkey", "pipeline.deals_pkey", "pipeline.deal_notes_pkey", "pipeline.members_pkey",
        "pipeline.activities_pkey", "pipeline.activity_digests_pkey", "pipeline.calendar_feeds_pkey", "pipeline.deal_events_pkey",
        "pipeline.imports_pkey", "pipeline.import_file_chunks_pkey", "pipeline.import_rejections_pkey",
        "whatsapp.whatsapp_connections_pkey", "whatsapp.whatsapp_templates_pkey",
    };

    /// <summary>Foreign keys between tenant tables on id alone (Citus needs tenant_id on both sides): each becomes (tenant_id, …_id).</summary>
    private static readonly HashSet<string> ForeignKeysWithoutTenant = new(StringComparer.Ordinal)
    {
        "pipeline.leads_user_id_foreign", "pipeline.deals_user_id_foreign", "pipeline.deals_lead_id_foreign",
        "pipeline.deal_notes_user_id_foreign", "pipeline.deal_notes_deal_id_foreign",
        "pipeline.activities_user_id_foreign", "pipeline.activities_created_by_foreign", "pipeline.activities_done_by_foreign",
        "pipeline.activities_lead_id_foreign", "pipeline.activities_deal_id_foreign",
        "pipeline.activity_digests_user_id_foreign", "pipeline.calendar_feeds_user_id_foreign",
        "pipeline.deal_events_user_id_foreign", "pipeline.deal_events_deal_id_foreign", "pipeline.deal_events_note_id_foreign",
        "pipeline.deal_events_activity_id_foreign", "pipeline.imports_user_id_foreign",
        "pipeline.import_file_chunks_import_id_foreign", "pipeline.import_rejections_import_id_foreign",
        "pipeline.awaiting_replies_lead_id_foreign", "pipeline.next_activities_deal_id_foreign",
    };

    /// <summary>Foreign keys from coordinator-only sign-in tables into users (Citus refuses a local table referencing a distributed one): to be dropped.</summary>
    private static readonly HashSet<string> SignInForeignKeys = new(StringComparer.Ordinal)
    {
        "identity.sessions_user_id_foreign", "identity.email_verification_tokens_user_id_foreign",
    };

    private enum Gap { NamesNoTenant, JoinsById }

    private sealed record Listed(string File, string Snippet, Gap Gap, string Why);

    /// <summary>Hand-written statements that do not tie every tenant table they name to a tenant, each with why.</summary>
    private static readonly Listed[] ListedStatements =
    [
        // Across companies on purpose: the company is not known before this statement answers.
        new("ByToken.cs", "FROM invitations.invitations WHERE token", Gap.NamesNoTenant, "an invitation link names a token, not a company"),
        new("ImportRunner.cs", "UPDATE pipeline.imports SET lease_until", Gap.NamesNoTenant, "the import worker claims any company's running import, then binds to it"),
        // Bound to one tenant by row-level security only; Citus needs the tenant in the statement (FOR UPDATE: single shard).
        new("ImportRunner.cs", "FROM pipeline.imports WHERE id = {importId} FOR UPDATE", Gap.NamesNoTenant, "RLS only: add AND tenant_id"),
        new("AnonymizeLead.cs", "FROM pipeline.leads WHERE id = {req.Id} FOR UPDATE", Gap.NamesNoTenant, "RLS only: add AND tenant_id"),
        // The board's fragments: the tenant condition is passed in (ColumnCards' where: d.tenant_id = $1) or sits in the
        // outer query, and leads and members are read by the deal's keys alone.
        new("BoardQuery.cs", "FROM pipeline.awaiting_replies a WHERE a.tenant_id = d.tenant_id", Gap.NamesNoTenant, "fragment: a is tied to d's tenant, and d is outside the fragment"),
        new("BoardQuery.cs", "LEFT JOIN pipeline.next_activities na ON na.tenant_id = d.tenant_id", Gap.NamesNoTenant, "fragment: na is tied to d's tenant, and d is outside the fragment"),
        new("BoardQuery.cs", "(SELECT l.name FROM pipeline.leads l WHERE l.id = d.lead_id)", Gap.NamesNoTenant, "deals' tenant passed in; l, m by id only"),
        new("BoardQuery.cs", "SELECT {CardColumns}", Gap.NamesNoTenant, "deals' tenant passed in; l, m joined by id only"),
        // Joined by id to a row already restricted: right on one database, not routable to one shard by Citus.
        new("BoardQuery.cs", "FROM pipeline.deals d JOIN pipeline.leads l ON l.id = d.lead_id", Gap.JoinsById, "search totals: l joined by id only"),
        new("ColumnOrdering.cs", "UPDATE pipeline.deals d SET sort_order", Gap.JoinsById, "renumbering: d joined to its own subquery by id only"),
    ];

    [Fact]
    public async Task Every_table_of_a_module_schema_has_a_tenant_id_or_is_listed_with_where_it_goes()
    {
        var tables = await TablesAsync();
        var schemas = tables.Select(t => t.Name.Split('.')[0]).ToHashSet(StringComparer.Ordinal);
        Assert.Superset(new HashSet<string>(["identity", "pipeline", "invitations", "whatsapp"], StringComparer.Ordinal), schemas);

        var unlisted = tables
            .Where(t => !t.HasTenant && !NotTenantTables.ContainsKey(t.Name) && !InEveryModuleSchema.ContainsKey(t.Name.Split('.')[1]))
            .Select(t => t.Name).ToList();
        Assert.True(unlisted.Count == 0,
            $"Without tenant_id and not listed in {nameof(NotTenantTables)}: {string.Join(", ", unlisted)}. Give each a tenant_id " +
            "(it becomes a distributed table) or list it with its placement and reason (docs/operations/scale-out.md).");

        var stale = NotTenantTables.Keys.Where(name => !tables.Any(t => t.Name == name && !t.HasTenant)).ToList();
        Assert.True(stale.Count == 0, $"Listed as tables without tenant_id, but missing or with a tenant_id now: {string.Join(", ", stale)}");
    }

    [Fact]
    public async Task Unique_keys_of_tenant_tables_lack_tenant_id_only_where_the_document_lists_them()
    {
        var found = await NamesAsync(
            """
            SELECT n.nspname || '.' || i.relname FROM pg_index x
            JOIN pg_class i ON i.oid = x.indexrelid JOIN pg_class t ON t.oid = x.indrelid JOIN pg_namespace n ON n.oid = t.relnamespace
            JOIN pg_attribute tenant ON tenant.attrelid = t.oid AND tenant.attname = 'tenant_id' AND NOT tenant.attisdropped
            WHERE x.indisunique AND NOT tenant.attnum = ANY (x.indkey)
            """);

        AssertSameAsListed(found, KeysWithoutTenant, nameof(KeysWithoutTenant), "unique keys of tenant tables without tenant_id");
    }

    [Fact]
    public async Task Foreign_keys_stay_within_a_company_or_point_at_lookups_and_lack_tenant_id_only_where_listed()
    {
        var tables = await TablesAsync();
        var tenantTables = tables.Where(t => t.HasTenant).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var keys = await ForeignKeysAsync();
        Assert.NotEmpty(keys);

        var misplaced = new List<string>();
        var withoutTenant = new List<string>();
        foreach (var key in keys)
        {
            var fromTenant = tenantTables.Contains(key.From);
            var toTenant = tenantTables.Contains(key.To);
            var toPlacement = NotTenantTables.TryGetValue(key.To, out var to) ? to.Placement : (Placement?)null;
            if (fromTenant && toTenant && !key.BothHaveTenant)
                withoutTenant.Add(key.Name);
            else if (fromTenant && toPlacement == Placement.DistributedById && !key.FromTenantColumnOnly)
                misplaced.Add($"{key.Name} ({key.From} → {key.To}) must be tenant_id → id");
            else if (fromTenant && !toTenant && toPlacement is not (Placement.Reference or Placement.DistributedById))
                misplaced.Add($"{key.Name} ({key.From} → {key.To}): a tenant table may reference only tenant tables and lookups");
            else if (!fromTenant && toTenant && !SignInForeignKeys.Contains(key.Name))
                misplaced.Add($"{key.Name} ({key.From} → {key.To}): a table without tenant_id may not reference a tenant table");
        }

        Assert.True(misplaced.Count == 0, string.Join("\n", misplaced));
        AssertSameAsListed(withoutTenant, ForeignKeysWithoutTenant, nameof(ForeignKeysWithoutTenant), "foreign keys between tenant tables without tenant_id");
        Assert.All(SignInForeignKeys, name => Assert.Contains(keys, key => key.Name == name));
    }

    [Fact]
    public async Task Every_hand_written_statement_on_a_tenant_table_names_the_tenant_or_is_listed_with_its_reason()
    {
        var findings = await SourceFindingsAsync();

        AssertOnlyListed(findings, Gap.NamesNoTenant);
    }

    [Fact]
    public async Task Every_tenant_table_a_statement_joins_is_tied_to_the_tenant_not_only_joined_by_id_or_is_listed()
    {
        var findings = await SourceFindingsAsync();

        AssertOnlyListed(findings, Gap.JoinsById);
    }

    [Fact]
    public void The_statement_scanner_finds_a_forgotten_tenant_and_a_join_by_id_alone()
    {
        var tenantTables = new HashSet<string>(["pipeline.deals", "pipeline.leads"], StringComparer.Ordinal);
        const string Source =
            """"
            var a = db.Deals.FromSql($"SELECT * FROM pipeline.deals WHERE id = {id} FOR UPDATE");
            var b = """
                SELECT d.id FROM pipeline.deals d JOIN pipeline.leads l ON l.id = d.lead_id WHERE d.tenant_id = $1
                """;
            var c = "SELECT d.id FROM pipeline.deals d JOIN pipeline.leads l ON l.tenant_id = d.tenant_id AND l.id = d.lead_id WHERE d.tenant_id = $1";
            var d = $"INSERT INTO pipeline.leads (tenant_id, name) VALUES ({tenant}, {name}); DELETE FROM pipeline.leads WHERE tenant_id = {tenant}";
            var e = "SELECT w.x FROM pipeline.leads lp JOIN pipeline.deals w ON w.tenant_id = lp.tenant_id"; // tied to each other, not to a tenant
            var f = "SELECT id, name FROM pipeline.pipeline_stages ORDER BY id"; // a lookup
            """";

        var findings = Scan("Example.cs", Source, tenantTables);

        Assert.Collection(findings,
            f => Assert.Equal((Gap.NamesNoTenant, "SELECT * FROM pipeline.deals WHERE id = {id} FOR UPDATE"), (f.Gap, f.Statement)),
            f => Assert.Equal((Gap.JoinsById, "pipeline.leads l"), (f.Gap, string.Join(", ", f.Untied))),
            f => Assert.Equal((Gap.NamesNoTenant, "pipeline.leads lp, pipeline.deals w"), (f.Gap, string.Join(", ", f.Untied))));
    }

    private sealed record Table(string Name, bool HasTenant);

    private sealed record ForeignKey(string Name, string From, string To, bool BothHaveTenant, bool FromTenantColumnOnly);

    private sealed record Finding(string File, string Statement, Gap Gap, IReadOnlyList<string> Untied);

    private static void AssertSameAsListed(IReadOnlyCollection<string> found, HashSet<string> listed, string listName, string what)
    {
        var added = found.Where(name => !listed.Contains(name)).ToList();
        var gone = listed.Where(name => !found.Contains(name)).ToList();
        Assert.True(added.Count == 0, $"New {what}: {string.Join(", ", added)}. Include tenant_id (docs/operations/scale-out.md).");
        Assert.True(gone.Count == 0, $"No longer {what}, so take them off {listName} and the document: {string.Join(", ", gone)}");
    }

    private static void AssertOnlyListed(List<Finding> findings, Gap gap)
    {
        Assert.Contains(findings, f => f.File == "BoardQuery.cs"); // the scan reached the source
        var listed = ListedStatements.Where(l => l.Gap == gap).ToList();
        var unlisted = findings.Where(f => f.Gap == gap && !listed.Any(l => Covers(l, f))).ToList();
        Assert.True(unlisted.Count == 0, string.Join("\n", unlisted.Select(f =>
            $"{f.File}: {string.Join(", ", f.Untied)} not tied to the tenant ({gap}) in: {f.Statement}")) +
            $"\nAdd `tenant_id = …` for each tenant table (joined ones: x.tenant_id = y.tenant_id), or list the statement with its reason in {nameof(ListedStatements)}.");
        var stale = listed.Where(l => !findings.Any(f => f.Gap == gap && Covers(l, f))).ToList();
        Assert.True(stale.Count == 0, $"Listed but no longer found (fixed? take them off): {string.Join("; ", stale.Select(l => $"{l.File}: {l.Snippet}"))}");
    }

    private static bool Covers(Listed listed, Finding finding) =>
        listed.File == finding.File && finding.Statement.Contains(listed.Snippet, StringComparison.Ordinal);

    private async Task<List<Finding>> SourceFindingsAsync()
    {
        var tenantTables = (await TablesAsync()).Where(t => t.HasTenant).Select(t => t.Name).ToHashSet(StringComparer.Ordinal);
        var src = Path.Combine(RepositoryRoot(), "src");
        var sources = Directory.EnumerateFiles(src, "*.cs", SearchOption.AllDirectories)
            .Where(path => !path.Split(Path.DirectorySeparatorChar).Any(part => part is "Migrations" or "bin" or "obj"));
        var findings = new List<Finding>();
        foreach (var path in sources)
            findings.AddRange(Scan(Path.GetFileName(path), await File.ReadAllTextAsync(path), tenantTables));
        return findings;
    }

    /// <summary>
    /// The SQL in a C# file's string literals (raw, verbatim, interpolated, plain; one statement per `;`), and for each
    /// statement that names a tenant table, the occurrences not tied to a tenant. An occurrence is tied when its
    /// alias (or, unaliased, the bare column) is compared with a value (<c>d.tenant_id = $1</c>, <c>tenant_id IN …</c>),
    /// or equated to a tied one (<c>l.tenant_id = d.tenant_id</c>), or when an INSERT lists tenant_id among its columns.
    /// A text scan, not a parser: what it cannot see (a condition passed in from another literal) is listed by hand.
    /// </summary>
    private static List<Finding> Scan(string file, string source, HashSet<string> tenantTables)
    {
        // Raw literals first, then comments, each blanked out at its length so that the rest keep their places.
        var literals = new List<(int At, string Text)>();
        var rest = RawLiteral().Replace(source, m =>
        {
            literals.Add((m.Index, m.Groups["text"].Value));
            return new string(' ', m.Length);
        });
        rest = LineComment().Replace(rest, m => new string(' ', m.Length));
        literals.AddRange(PlainLiteral().Matches(rest).Select(m => (m.Index, m.Groups["text"].Value)));

        var findings = new List<Finding>();
        var statements = literals.OrderBy(l => l.At).SelectMany(l => l.Text.Split(';')).Select(s => Whitespace().Replace(s, " ").Trim());
        foreach (var statement in statements)
        {
            var occurrences = TableReference().Matches(statement)
                .Where(m => tenantTables.Contains(m.Groups["table"].Value))
                .Select(m => (Table: m.Groups["table"].Value, Alias: m.Groups["alias"].Value,
                    Inserted: m.Groups["verb"].Value.Equals("INTO", StringComparison.OrdinalIgnoreCase)
                              && ColumnList().Match(statement[(m.Index + m.Length)..]) is { Success: true } columns
                              && columns.Groups["columns"].Value.Contains("tenant_id", StringComparison.OrdinalIgnoreCase)))
                .ToList();
            if (occurrences.Count == 0)
                continue;

            // Unaliased tables answer to the bare column and to their own name: one key, "".
            var unaliased = occurrences.Where(o => o.Alias.Length == 0).Select(o => o.Table.Split('.')[1]).ToHashSet(StringComparer.OrdinalIgnoreCase);
            string Key(string qualifier) => unaliased.Contains(qualifier) ? "" : qualifier.ToUpperInvariant();
            var group = new Dictionary<string, string>(StringComparer.Ordinal);
            string Root(string key) => group.TryGetValue(key, out var parent) && parent != key ? Root(parent) : key;
            foreach (Match equal in TenantEquality().Matches(statement))
                group[Root(Key(equal.Groups["left"].Value))] = Root(Key(equal.Groups["right"].Value));
            var anchored = TenantAnchor().Matches(statement).Select(m => Root(Key(m.Groups["key"].Value))).ToHashSet(StringComparer.Ordinal);

            var untied = occurrences
                .Where(o => !o.Inserted && !anchored.Contains(Root(Key(o.Alias))))
                .Select(o => o.Alias.Length == 0 ? o.Table : $"{o.Table} {o.Alias}")
                .ToList();
            if (untied.Count > 0)
                findings.Add(new Finding(file, statement, untied.Count == occurrences.Count ? Gap.NamesNoTenant : Gap.JoinsById, untied));
        }

        return findings;
    }

    [GeneratedRegex("(?<quotes>\"{3,})(?<text>.*?)\\k<quotes>", RegexOptions.Singleline)]
    private static partial Regex RawLiteral();

    [GeneratedRegex("\"(?<text>(?:[^\"\\\\\\n]|\\\\.|\"\")*)\"")]
    private static partial Regex PlainLiteral();

    [GeneratedRegex(@"//[^\n]*")]
    private static partial Regex LineComment();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();

    [GeneratedRegex(@"\b(?<verb>FROM|JOIN|UPDATE|INTO)\s+(?<table>\w+\.\w+)\b(?:\s+(?:AS\s+)?(?!(?:WHERE|SET|ON|JOIN|FOR|ORDER|GROUP|HAVING|USING|VALUES|LEFT|RIGHT|FULL|INNER|CROSS|LIMIT|OFFSET|RETURNING|SELECT|UNION|WINDOW)\b)(?<alias>\w+))?", RegexOptions.IgnoreCase)]
    private static partial Regex TableReference();

    [GeneratedRegex(@"^\s*\((?<columns>[^)]*)\)")]
    private static partial Regex ColumnList();

    [GeneratedRegex(@"(?<![\w.])(?:(?<left>\w+)\.)?tenant_id\s*=\s*(?:(?<right>\w+)\.)?tenant_id\b", RegexOptions.IgnoreCase)]
    private static partial Regex TenantEquality();

    [GeneratedRegex(@"(?<![\w.])(?:(?<key>\w+)\.)?tenant_id(?>\s*)(?:=|\bIN\b)(?>\s*)(?!(?:\w+\.)?tenant_id\b)", RegexOptions.IgnoreCase)]
    private static partial Regex TenantAnchor();

    private async Task<List<Table>> TablesAsync()
    {
        var rows = await RowsAsync(
            """
            SELECT n.nspname || '.' || c.relname,
                   EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped)
            FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p') AND NOT c.relispartition
              AND n.nspname IN (SELECT s.relnamespace::regnamespace::text FROM pg_class s WHERE s.relname = '__ef_migrations_history')
            ORDER BY 1
            """, r => new Table(r.GetString(0), r.GetBoolean(1)));
        Assert.NotEmpty(rows);
        return rows;
    }

    private Task<List<ForeignKey>> ForeignKeysAsync() => RowsAsync(
        """
        SELECT fn.nspname || '.' || k.conname, fn.nspname || '.' || f.relname, tn.nspname || '.' || t.relname,
               EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'tenant_id' AND a.attnum = ANY (k.conkey))
                 AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.confrelid AND a.attname = 'tenant_id' AND a.attnum = ANY (k.confkey)),
               array_length(k.conkey, 1) = 1
                 AND EXISTS (SELECT FROM pg_attribute a WHERE a.attrelid = k.conrelid AND a.attname = 'tenant_id' AND a.attnum = k.conkey[1])
        FROM pg_constraint k
        JOIN pg_class f ON f.oid = k.conrelid JOIN pg_namespace fn ON fn.oid = f.relnamespace
        JOIN pg_class t ON t.oid = k.confrelid JOIN pg_namespace tn ON tn.oid = t.relnamespace
        WHERE k.contype = 'f'
        """, r => new ForeignKey(r.GetString(0), r.GetString(1), r.GetString(2), r.GetBoolean(3), r.GetBoolean(4)));

    private async Task<List<string>> NamesAsync(string sql) => await RowsAsync(sql, r => r.GetString(0));

    private async Task<List<T>> RowsAsync<T>(string sql, Func<NpgsqlDataReader, T> read)
    {
        await using var connection = new NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<T>();
        while (await reader.ReadAsync())
            rows.Add(read(reader));
        return rows;
    }

    private static string RepositoryRoot()
    {
        var root = new DirectoryInfo(AppContext.BaseDirectory);
        while (root is not null && !File.Exists(Path.Combine(root.FullName, "WorkshopCrm.sln")))
            root = root.Parent;
        Assert.True(root is not null, $"No WorkshopCrm.sln above {AppContext.BaseDirectory}.");
        return root.FullName;
    }
}
