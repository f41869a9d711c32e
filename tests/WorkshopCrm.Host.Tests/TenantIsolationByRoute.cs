using System.Text.Json;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace WorkshopCrm.Host.Tests;

/// <summary>
/// QUALITY.md, Security: for every route that takes an id, another tenant's token gets 404 and changes nothing.
/// The routes come from the OpenAPI document, so a route added later is attacked here without anyone writing a line;
/// a path parameter this test cannot fill with tenant A's data fails the test (it is never silently skipped).
/// </summary>
public sealed partial class TenantIsolationByRoute(CrmAppFixture app, ITestOutputHelper output) : IClassFixture<CrmAppFixture>
{
    /// <summary>
    /// Path parameters that name global lookups, not tenant data: filled with a valid value, and a route whose only
    /// parameters are global has nothing of another tenant's to reach (listed as exempt, not attacked).
    /// </summary>
    private static readonly Dictionary<string, string> GlobalLookups = new(StringComparer.Ordinal)
    {
        ["stageId"] = "1", // pipeline stages are seeded, the same for every company
        // An invitation link's secret is itself the permission (anyone holding it may look and accept, signed in or
        // not), so there is no other company's id in it to protect; the invitation routes by id are attacked below.
        ["token"] = "0123456789abcdef0123456789abcdef0123456789a",
        // A chat id is a phone's WhatsApp address, read from the caller's own company's gateway instance: it names no
        // row of another company (the WhatsApp tests check that one company never sees another's chats).
        ["remoteJid"] = "5511999990000@s.whatsapp.net",
        // The webhook is Evolution's, authenticated by the instance's signed JWT, not by a user (its tests cover 401s).
        ["instanceName"] = "crm-1-0000000000",
    };

    private static readonly string[] HttpMethods = ["get", "put", "post", "delete", "patch"];

    [Fact]
    public async Task Another_companys_ids_are_404_on_every_route_and_change_nothing()
    {
        var a = await app.ACompanyAsync();
        var b = await app.ACompanyAsync();
        var ids = await ArrangeAsync(a);
        var walk = Plan(await RoutesWithPathParametersAsync(), ids);
        var before = await SnapshotAsync(a, ids);
        Assert.True(before.Complete, $"Tenant A's data as A sees it before the attack:\n{before}");

        var failures = new List<string>(walk.Unfillable);
        failures.AddRange(await TenantAReachesEveryGetAsync(a, walk.Attacks));
        failures.AddRange(await AttackAsync(b, walk.Attacks));
        var after = await SnapshotAsync(a, ids);

        // Nothing of A's changed: same lead, deal (version is xmin: any write moves it), notes and team.
        failures.AddRange(before.DifferencesFrom(after));
        var covered = walk.Attacks.Select(x => x.Route).ToList();
        var report = $"Routes attacked ({covered.Count}): {string.Join(", ", covered)}\n" +
                     $"Exempt, global lookups only ({walk.Exempt.Count}): {string.Join(", ", walk.Exempt)}";
        output.WriteLine(report);
        Assert.True(failures.Count == 0, $"{failures.Count} problem(s):\n  {string.Join("\n  ", failures)}\n{report}");
        // The walk cannot pass vacuously: it found routes, and among them the ones known today.
        Assert.True(covered.Count > 0, $"The OpenAPI walk found no route to attack.\n{report}");
        foreach (var known in new[] { "GET /api/leads/{id}", "PUT /api/deals/{id}", "DELETE /api/deals/{id}/notes/{noteId}", "POST /api/users/{id}/deactivate",
                     "GET /api/leads/{id}/personal-data", "POST /api/leads/{id}/anonymize" })
            Assert.True(covered.Contains(known), $"{known} was not attacked.\n{report}");
    }

    private sealed record Attack(HttpMethod Method, string Template, string Url)
    {
        public string Route => $"{Method.Method} {Template}";
    }

    private sealed record Walk(List<Attack> Attacks, List<string> Exempt, List<string> Unfillable);

    /// <summary>
    /// Each route with tenant A's ids in it. Reads and edits come first, deletions last and deepest first, so that a
    /// leak in one cannot hide another by removing the data.
    /// </summary>
    private static Walk Plan(IEnumerable<(HttpMethod Method, string Template)> routes, Arranged ids)
    {
        var attacks = new List<Attack>();
        var exempt = new List<string>();
        var unfillable = new List<string>();
        foreach (var (method, template) in routes)
        {
            var route = $"{method.Method} {template}";
            var (url, unknown, tenantScoped) = Fill(template, ids);
            if (unknown.Count > 0)
                unfillable.AddRange(unknown.Select(u =>
                    $"{route}: no arrangement for path parameter {{{u.Parameter}}}. Add one to {nameof(TenantIsolationByRoute)}: " +
                    $"create that resource as tenant A in {nameof(ArrangeAsync)} and map \"{u.Key}\" to its id in {nameof(Arranged)}.{nameof(Arranged.ByParameter)} " +
                    $"(or, only if it is a global lookup shared by every company, add \"{u.Parameter}\" to {nameof(GlobalLookups)})."));
            else if (!tenantScoped)
                exempt.Add(route);
            else
                attacks.Add(new Attack(method, template, url));
        }

        var ordered = attacks
            .OrderBy(x => x.Method == HttpMethod.Delete)
            .ThenByDescending(x => x.Method == HttpMethod.Delete ? x.Template.Count(c => c == '/') : 0)
            .ThenBy(x => x.Template, StringComparer.Ordinal)
            .ThenBy(x => x.Method.Method, StringComparer.Ordinal)
            .ToList();
        return new Walk(ordered, exempt, unfillable);
    }

    /// <summary>The control: tenant A itself gets 200 on every GET, so the ids are real and B's 404 means isolation.</summary>
    private static async Task<List<string>> TenantAReachesEveryGetAsync(Account a, IEnumerable<Attack> attacks)
    {
        var failures = new List<string>();
        foreach (var attack in attacks.Where(x => x.Method == HttpMethod.Get))
        {
            var response = await a.SendAsync(attack.Method, attack.Url);
            // A lead's WhatsApp conversation needs a connected gateway, which is not part of this test: "not connected"
            // is answered only once the lead was found, so it shows the id is real too.
            if (response.StatusCode == HttpStatusCode.Conflict && attack.Route.EndsWith("/whatsapp", StringComparison.Ordinal)
                && (await response.Content.ReadAsStringAsync()).Contains("whatsapp.not_connected", StringComparison.Ordinal))
                continue;
            if (response.StatusCode != HttpStatusCode.OK)
                failures.Add($"{attack.Route} as tenant A itself ({attack.Url}): expected 200 (control), got {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }

        return failures;
    }

    /// <summary>Tenant B's Business Owner sends every route with A's ids and a body valid for any of them.</summary>
    private static async Task<List<string>> AttackAsync(Account b, IEnumerable<Attack> attacks)
    {
        // One body for every PUT/POST: each route binds the fields it knows and ignores the rest.
        var body = new
        {
            name = "Intruder",
            email = Given.UniqueEmail("intruder"),
            phone = (string?)null,
            title = "Intruder's title",
            value = 1m,
            version = 1,
            stageId = 2,
            ownerId = b.UserId,
            body = "Intruder's note",
            typeId = 1,
            subject = "Intruder's activity",
            dueDate = "2026-12-24",
            outcome = "Intruder's outcome",
            text = "Intruder's message",
            // Anonymizing asks for the lead's name: the intruder even knows it, and still finds nothing.
            confirm = "Joana Lima",
            // An import's mapping: the columns of A's file, which the intruder could guess.
            mapping = new { name = "Nome", email = "E-mail" },
            duplicates = "update",
        };
        var failures = new List<string>();
        foreach (var attack in attacks)
        {
            var response = await b.SendAsync(attack.Method, attack.Url, attack.Method == HttpMethod.Get || attack.Method == HttpMethod.Delete ? null : body);
            var text = await response.Content.ReadAsStringAsync();
            if (response.StatusCode != HttpStatusCode.NotFound)
            {
                failures.Add($"{attack.Route} as tenant B ({attack.Url}): expected 404, got {(int)response.StatusCode} {text}");
                continue;
            }

            try
            {
                var problem = await Problem.ReadAsync(response);
                if (problem.Status != 404)
                    failures.Add($"{attack.Route} as tenant B ({attack.Url}): a 404 whose problem says status {problem.Status}: {text}");
            }
            catch (Exception ex)
            {
                failures.Add($"{attack.Route} as tenant B ({attack.Url}): a 404 but not a problem+json " +
                             $"({response.Content.Headers.ContentType?.MediaType ?? "no content type"}; {ex.Message}): {text}");
            }
        }

        return failures;
    }

    /// <summary>Tenant A's data, made through the API by its Business Owner, and the id each path parameter takes.</summary>
    private sealed record Arranged(long LeadId, long DealId, long NoteId, long UserId, long InvitationId, long ActivityId, long TemplateId, long ImportId)
    {
        /// <summary>
        /// Keyed by the route template up to and including the parameter, so <c>{id}</c> under /api/leads and under
        /// /api/deals are different things, and a new resource's <c>{id}</c> is unknown until someone arranges it.
        /// </summary>
        public Dictionary<string, string> ByParameter => new Dictionary<string, string>(StringComparer.Ordinal)
        {
            ["/api/leads/{id}"] = Str(LeadId),
            ["/api/deals/{id}"] = Str(DealId),
            ["/api/deals/{id}/notes/{noteId}"] = Str(NoteId),
            ["/api/users/{id}"] = Str(UserId),
            ["/api/invitations/{id}"] = Str(InvitationId),
            ["/api/activities/{id}"] = Str(ActivityId),
            ["/api/whatsapp/templates/{id}"] = Str(TemplateId),
            ["/api/imports/{id}"] = Str(ImportId),
        };
    }

    private async Task<Arranged> ArrangeAsync(Account a)
    {
        await app.ExecuteAsync("UPDATE identity.users SET email_verified_at = now() WHERE id = @p0", a.UserId); // owners invite once verified
        var invitation = await CreatedAsync(await a.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail("invitee") }), "invitation");
        var lead = await CreatedAsync(await a.SendAsync(HttpMethod.Post, "/api/leads",
            new { name = "Joana Lima", email = Given.UniqueEmail("lead"), phone = "+55 11 98765-4321" }), "lead");
        var deal = await CreatedAsync(await a.SendAsync(HttpMethod.Post, "/api/deals",
            new { leadId = lead, title = "Brake service", value = 1234.56m }), "deal");
        var note = await CreatedAsync(await a.SendAsync(HttpMethod.Post, $"/api/deals/{deal}/notes",
            new { body = "Customer asked for a quote by Friday." }), "note");
        var activity = await CreatedAsync(await a.SendAsync(HttpMethod.Post, "/api/activities",
            new { typeId = 1, subject = "Call about the quote", dueDate = "2026-12-01", dealId = deal }), "activity");
        var template = await CreatedAsync(await a.SendAsync(HttpMethod.Post, "/api/whatsapp/templates",
            new { name = "Quote ready", body = "Hello {{nome}}, your quote is ready." }), "saved reply");
        using var form = new MultipartFormDataContent
        {
            { new ByteArrayContent("Nome;E-mail\nAna;ana@example.com\n"u8.ToArray()), "file", "clientes.csv" },
            { new StringContent("leads"), "kind" },
        };
        var upload = a.Request(HttpMethod.Post, "/api/imports");
        upload.Content = form;
        var uploaded = await a.Client.SendAsync(upload);
        Assert.True(uploaded.StatusCode == HttpStatusCode.Created, $"Arranging an import as tenant A: {await uploaded.Content.ReadAsStringAsync()}");
        var import = JsonDocument.Parse(await uploaded.Content.ReadAsStringAsync()).RootElement.GetProperty("import").GetProperty("id").GetInt64();
        return new Arranged(lead, deal, note, a.UserId, invitation, activity, template, import);
    }

    private static async Task<long> CreatedAsync(HttpResponseMessage response, string what)
    {
        var text = await response.Content.ReadAsStringAsync();
        Assert.True(response.StatusCode == HttpStatusCode.Created, $"Arranging a {what} as tenant A: {(int)response.StatusCode} {text}");
        using var json = JsonDocument.Parse(text);
        return json.RootElement.GetProperty("id").GetInt64();
    }

    /// <summary>Every (method, path template) of the OpenAPI document with at least one path parameter.</summary>
    private async Task<List<(HttpMethod Method, string Template)>> RoutesWithPathParametersAsync()
    {
        using var document = JsonDocument.Parse(await app.CreateClient().GetStringAsync("/swagger/v1/swagger.json"));
        var routes = new List<(HttpMethod, string)>();
        foreach (var path in document.RootElement.GetProperty("paths").EnumerateObject())
        {
            if (!PathParameter().IsMatch(path.Name))
                continue;
            foreach (var operation in path.Value.EnumerateObject())
                if (HttpMethods.Contains(operation.Name, StringComparer.OrdinalIgnoreCase))
                    routes.Add((new HttpMethod(operation.Name.ToUpperInvariant()), path.Name));
        }

        return routes;
    }

    /// <summary>The template with tenant A's ids in it; the parameters it does not know; whether any was tenant data.</summary>
    private static (string Url, List<(string Parameter, string Key)> Unknown, bool TenantScoped) Fill(string template, Arranged ids)
    {
        var unknown = new List<(string, string)>();
        var tenantScoped = false;
        var url = PathParameter().Replace(template, match =>
        {
            var parameter = match.Groups["name"].Value;
            if (GlobalLookups.TryGetValue(parameter, out var global))
                return global;

            var key = template[..(match.Index + match.Length)];
            if (ids.ByParameter.TryGetValue(key, out var value))
            {
                tenantScoped = true;
                return value;
            }

            unknown.Add((parameter, key));
            return match.Value;
        });
        return (url, unknown, tenantScoped);
    }

    /// <summary>What tenant A sees of its data, field by field (or what it got instead of a 200).</summary>
    private sealed record Snapshot(string Lead, string Deal, string Notes, string Users, int? NoteCount, string? OwnerStatus, string Activity)
    {
        /// <summary>Everything arranged is there: the lead, the deal with its one note, and A's owner Active.</summary>
        public bool Complete => NoteCount == 1 && OwnerStatus == "Active" && !Lead.StartsWith("GET ", StringComparison.Ordinal) &&
                                !Deal.StartsWith("GET ", StringComparison.Ordinal) && !Activity.StartsWith("GET ", StringComparison.Ordinal);

        public IEnumerable<string> DifferencesFrom(Snapshot after) =>
            new[] { ("lead", Lead, after.Lead), ("deal", Deal, after.Deal), ("notes", Notes, after.Notes), ("users", Users, after.Users), ("activity", Activity, after.Activity) }
                .Where(x => x.Item2 != x.Item3)
                .Select(x => $"tenant A's {x.Item1} changed:\n    before: {x.Item2}\n    after:  {x.Item3}");

        public override string ToString() => $"lead: {Lead}\ndeal: {Deal}\nnotes: {Notes}\nusers: {Users}\nactivity: {Activity}";
    }

    private static async Task<Snapshot> SnapshotAsync(Account a, Arranged ids)
    {
        int? noteCount = null;
        string? ownerStatus = null;
        var lead = await SeenAsync(a, $"/api/leads/{ids.LeadId}", l =>
            Fields(l, "id", "name", "email", "phone", "ownerId", "updatedAt") + " deals=[" +
            string.Join("; ", l.GetProperty("deals").EnumerateArray().Select(d => Fields(d, "id", "title", "value", "stageId", "ownerId"))) + "]");
        var deal = await SeenAsync(a, $"/api/deals/{ids.DealId}", d =>
            Fields(d, "id", "title", "value", "lossReason", "sortOrder", "version", "updatedAt") +
            $" stage={d.GetProperty("stage").GetProperty("id").GetRawText()} owner={d.GetProperty("owner").GetProperty("id").GetRawText()}" +
            $" lead={d.GetProperty("lead").GetProperty("id").GetRawText()}");
        var notes = await SeenAsync(a, $"/api/deals/{ids.DealId}/notes", n =>
        {
            noteCount = n.GetProperty("total").GetInt32();
            return $"total={noteCount} [" + string.Join("; ", n.GetProperty("items").EnumerateArray()
                .Select(x => Fields(x, "id", "body") + $" author={x.GetProperty("author").GetProperty("id").GetRawText()}")) + "]";
        });
        var users = await SeenAsync(a, "/api/users", u =>
        {
            var team = u.GetProperty("items").EnumerateArray().ToList();
            ownerStatus = team.Where(x => x.GetProperty("id").GetInt64() == ids.UserId).Select(x => x.GetProperty("status").GetString()).SingleOrDefault();
            return $"total={u.GetProperty("total").GetRawText()} [" + string.Join("; ", team.Select(x => Fields(x, "id", "name", "email", "role", "status"))) + "]";
        });
        var activity = await SeenAsync(a, $"/api/activities/{ids.ActivityId}", x =>
            Fields(x, "id", "subject", "dueDate", "done", "outcome") + $" owner={x.GetProperty("owner").GetProperty("id").GetRawText()}");
        return new Snapshot(lead, deal, notes, users, noteCount, ownerStatus, activity);
    }

    private static async Task<string> SeenAsync(Account a, string path, Func<JsonElement, string> describe)
    {
        var response = await a.SendAsync(HttpMethod.Get, path);
        var text = await response.Content.ReadAsStringAsync();
        if (response.StatusCode != HttpStatusCode.OK)
            return $"GET {path} answered {(int)response.StatusCode} {text}";
        using var json = JsonDocument.Parse(text);
        return describe(json.RootElement);
    }

    private static string Fields(JsonElement element, params string[] names) =>
        string.Join(" ", names.Select(name => $"{name}={(element.TryGetProperty(name, out var v) ? v.GetRawText() : "(absent)")}"));

    private static string Str(long id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    [GeneratedRegex(@"\{(?<name>[^{}:?=*]+)[^{}]*\}")]
    private static partial Regex PathParameter();
}
