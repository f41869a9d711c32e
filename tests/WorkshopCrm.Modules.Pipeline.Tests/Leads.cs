using System.Text.Json;
using Npgsql;

namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class Leads(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task Creating_a_lead_stores_it_owned_by_the_caller_with_a_normalised_e_mail()
    {
        var owner = await app.ACompanyAsync();

        var lead = await owner.ALeadAsync("Lia Cliente", "  Lia.Cliente@Example.COM ", "+55 (11) 99999-0000");

        Assert.Equal(("Lia Cliente", "lia.cliente@example.com", "+55 (11) 99999-0000", owner.UserId), (lead.Name, lead.Email, lead.Phone, lead.OwnerId));
        Assert.Equal("Maria Souza", lead.OwnerName);
    }

    [Fact]
    public async Task Under_row_level_security_a_search_reads_its_candidates_from_the_trigram_index()
    {
        // LIKE may use leads_search_trgm_index below the table's RLS policy only when its function is LEAKPROOF
        // (migration LeadSearchInLowerCase); otherwise every search reads every lead of the company.
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync(
            """
            INSERT INTO pipeline.leads (tenant_id, user_id, name, email, created_at, updated_at)
            SELECT @p0, @p1, 'Lead ' || i, 'lead' || i || '@example.com', now(), now() FROM generate_series(1, 2000) i;
            SELECT gin_clean_pending_list('pipeline.leads_search_trgm_index'::regclass); -- as VACUUM would
            ANALYZE pipeline.leads;
            """, owner.TenantId, owner.UserId);
        await using var connection = new NpgsqlConnection(TestPostgres.AsRuntimeRole(app.ConnectionString));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            $"EXPLAIN SELECT id FROM pipeline.leads WHERE tenant_id = {owner.TenantId} AND search_text LIKE lower(pipeline.unaccented('%Tavares%')) ESCAPE '\\'",
            connection);
        var plan = new System.Text.StringBuilder();
        await using (var reader = await command.ExecuteReaderAsync())
            while (await reader.ReadAsync())
                plan.AppendLine(reader.GetString(0));

        Assert.Contains("leads_search_trgm_index", plan.ToString());
    }

    [Fact]
    public async Task An_e_mail_another_lead_has_is_a_409_naming_the_field_whatever_its_case()
    {
        var owner = await app.ACompanyAsync();
        await owner.ALeadAsync(email: "dup@example.com");

        var response = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Other", email = "DUP@example.com " });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        var problem = await Problem.ReadAsync(response);
        Assert.Equal("lead.email_taken", problem.Code);
        Assert.Contains("email", problem.Errors.Keys);
    }

    [Fact]
    public async Task The_same_e_mail_is_fine_in_another_company()
    {
        var first = await app.ACompanyAsync();
        var second = await app.ACompanyAsync();
        await first.ALeadAsync(email: "shared@example.com");

        var lead = await second.ALeadAsync(email: "shared@example.com");

        Assert.Equal("shared@example.com", lead.Email);
    }

    [Fact]
    public async Task A_search_neither_finds_nor_counts_another_companys_leads()
    {
        var first = await app.ACompanyAsync();
        var second = await app.ACompanyAsync();
        for (var i = 0; i < 3; i++)
            await first.ALeadAsync($"Otávio Brandão {i}");
        await second.ALeadAsync("Otávio Brandão");

        foreach (var search in new[] { "brandao", "ot" }) // counted in the scan / capped count
        {
            var page = await second.SendAsync(HttpMethod.Get, $"/api/leads?search={search}").ReadAsync<PageBody<LeadBody>>();
            Assert.Equal(1, page.Total);
            Assert.Equal(["Otávio Brandão"], page.Items.Select(l => l.Name));
        }
    }

    [Fact]
    public async Task Concurrent_creations_with_one_e_mail_give_one_201_and_clean_409s()
    {
        var owner = await app.ACompanyAsync();

        var responses = await Task.WhenAll(Enumerable.Range(0, 10).Select(i =>
            owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = $"Race {i}", email = "race@example.com" })));

        Assert.Single(responses, r => r.StatusCode == HttpStatusCode.Created);
        Assert.All(responses.Where(r => r.StatusCode != HttpStatusCode.Created), r => Assert.Equal(HttpStatusCode.Conflict, r.StatusCode));
    }

    [Theory]
    [InlineData("name", "", "Required.")]
    [InlineData("email", "nope", "Not a valid e-mail address.")]
    [InlineData("phone", "call me maybe", "Only digits, spaces and + - ( ) .")]
    [InlineData("phone", "123456789012345678901234567890123456789012345678901", "At most 50 characters.")]
    public async Task Bad_lead_fields_are_a_400_naming_the_field(string field, string value, string message)
    {
        var owner = await app.ACompanyAsync();
        var body = new Dictionary<string, string> { ["name"] = "Ok", ["email"] = Given.UniqueEmail("lead"), ["phone"] = "11 5555-0000" };
        body[field] = value;

        var response = await owner.SendAsync(HttpMethod.Post, "/api/leads", body);

        Assert.Equal([message], (await Problem.ReadAsync(response)).Errors[field]);
    }

    [Fact]
    public async Task Search_finds_a_piece_of_name_e_mail_or_phone()
    {
        var owner = await app.ACompanyAsync();
        await owner.ALeadAsync("Joana Prado", "joana@prado.com", "11 91234-5678");
        await owner.ALeadAsync("Carlos Lima", "carlos@lima.com", "21 3333-4444");
        await owner.ALeadAsync("Promo a_5% Lima", "promo@example.com");
        await owner.ALeadAsync("Promo ab5x Lima", "promo2@example.com");

        var byName = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=oana").ReadAsync<PageBody<LeadBody>>();
        var byEmail = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=LIMA.COM").ReadAsync<PageBody<LeadBody>>();
        var byPhone = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=91234").ReadAsync<PageBody<LeadBody>>();
        var literal = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=%25").ReadAsync<PageBody<LeadBody>>();
        var percent = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=" + Uri.EscapeDataString("a_5%")).ReadAsync<PageBody<LeadBody>>();

        Assert.Equal(["Joana Prado"], byName.Items.Select(l => l.Name));
        Assert.Equal(["Carlos Lima"], byEmail.Items.Select(l => l.Name));
        Assert.Equal(["Joana Prado"], byPhone.Items.Select(l => l.Name));
        Assert.Equal(["Promo a_5% Lima"], literal.Items.Select(l => l.Name));
        Assert.Equal(["Promo a_5% Lima"], percent.Items.Select(l => l.Name));
    }

    [Fact]
    public async Task Search_ignores_accents_and_case_both_ways()
    {
        var owner = await app.ACompanyAsync();
        await owner.ALeadAsync("Ana Gonçalves", Given.UniqueEmail("lead"));
        await owner.ALeadAsync("Caminhões do Zé", Given.UniqueEmail("lead"));
        await owner.ALeadAsync("Joao Pereira", Given.UniqueEmail("lead"));

        async Task<IEnumerable<string>> Found(string search) =>
            (await owner.SendAsync(HttpMethod.Get, "/api/leads?search=" + Uri.EscapeDataString(search)).ReadAsync<PageBody<LeadBody>>()).Items.Select(l => l.Name);

        Assert.Equal(["Ana Gonçalves"], await Found("goncalves"));
        Assert.Equal(["Ana Gonçalves"], await Found("GONÇALVES"));
        Assert.Equal(["Caminhões do Zé"], await Found("caminhoes"));
        Assert.Equal(["Caminhões do Zé"], await Found("do ze"));
        Assert.Equal(["Joao Pereira"], await Found("João"));
    }

    [Fact]
    public async Task Search_pages_its_matches_by_name_with_the_exact_total_for_owner_and_salesperson()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var c = await owner.ALeadAsync("Carla Souza", Given.UniqueEmail("carla"), "11 3000-0001");
        var a = await seller.ALeadAsync("Ana Prado", "ana.souza." + Given.UniqueEmail("x"), "11 3000-0002");
        var b = await owner.ALeadAsync("Bruno Lima", Given.UniqueEmail("bruno"), "21 99999-0003");
        var d = await owner.ALeadAsync("Davi Souza", Given.UniqueEmail("davi"), null);
        await owner.ALeadAsync("Eva Rocha", Given.UniqueEmail("eva"), "11 3000-0005");
        await owner.ADealAsync(d.Id, ownerId: seller.UserId);
        await owner.ADealAsync(d.Id);
        await owner.ADealAsync(c.Id);

        var first = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=SOUZA&pageSize=2").ReadAsync<PageBody<LeadBody>>();
        var second = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=souza&page=2&pageSize=2").ReadAsync<PageBody<LeadBody>>();
        var beyond = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=souza&page=9&pageSize=2").ReadAsync<PageBody<LeadBody>>();
        var exactlyFull = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=souza&pageSize=3").ReadAsync<PageBody<LeadBody>>();
        var byPhone = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=3000-000").ReadAsync<PageBody<LeadBody>>();
        var acrossFields = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=Souza" + Uri.EscapeDataString("carla")).ReadAsync<PageBody<LeadBody>>();
        var sellers = await seller.SendAsync(HttpMethod.Get, "/api/leads?search=souza").ReadAsync<PageBody<LeadBody>>();

        // name, e-mail (Ana's), name again; ordered by name; the total counts every match, not the page
        Assert.Equal((3, "Ana Prado|Carla Souza"), (first.Total, string.Join("|", first.Items.Select(l => l.Name))));
        Assert.Equal((3, "Davi Souza"), (second.Total, string.Join("|", second.Items.Select(l => l.Name))));
        Assert.Equal((3, 0), (beyond.Total, beyond.Items.Count));
        Assert.Equal((3, 3), (exactlyFull.Total, exactlyFull.Items.Count));
        Assert.Equal(2, second.Items.Single().DealCount);
        Assert.Equal(1, first.Items.Single(l => l.Id == c.Id).DealCount);
        Assert.Equal(("Maria Souza", seller.UserId), (first.Items.Single(l => l.Id == c.Id).OwnerName, first.Items.Single(l => l.Id == a.Id).OwnerId));
        Assert.Equal(["Ana Prado", "Carla Souza", "Eva Rocha"], byPhone.Items.Select(l => l.Name));
        Assert.Equal(3, byPhone.Total);
        // a match never spans two fields (the end of a name and the start of an e-mail)
        Assert.Equal(0, acrossFields.Total);
        // the salesperson: its own lead and the one it has a deal on, with only its own deal counted
        Assert.Equal(2, sellers.Total);
        Assert.Equal([a.Id, d.Id], sellers.Items.Select(l => l.Id));
        Assert.Equal(1, sellers.Items.Single(l => l.Id == d.Id).DealCount);
        Assert.DoesNotContain(sellers.Items, l => l.Id == b.Id || l.Id == c.Id);
    }

    [Fact]
    public async Task A_search_answers_its_page_and_the_number_of_matches_in_one_statement()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 3; i++)
            await owner.ALeadAsync($"Júlia Paz {i}");
        await owner.SendAsync(HttpMethod.Get, "/api/leads"); // the sign-in check is now cached
        using var sql = new SqlCounter();

        var page = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/leads?search=julia%20paz&pageSize=2"))).ReadAsync<PageBody<LeadBody>>();

        Assert.Equal((3, 2), (page.Total, page.Items.Count));
        var command = Assert.Single(sql.Commands);
        // the matches are found in a fenced subquery (OFFSET), then sorted: never a walk of every lead in name order
        Assert.Matches(@"(?m)^FROM \(\s*SELECT[\s\S]*?OFFSET @\w+\s*\) AS", command);
    }

    [Fact]
    public async Task A_search_is_planned_for_its_text_and_that_ends_with_its_transaction()
    {
        var owner = await app.ACompanyAsync();
        await owner.ALeadAsync("Júlia Paz");
        await owner.SendAsync(HttpMethod.Get, "/api/leads");
        using var sql = new SqlCounter();

        var found = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/leads?search=julia"))).ReadAsync<PageBody<LeadBody>>();

        Assert.Equal(1, found.Total);
        // A prepared statement's generic plan would unaccent the pattern for every candidate row (ADR 0033).
        Assert.StartsWith("CALL tenancy.bind_tenant_planning_each(", Assert.Single(sql.Commands).Split(": ", 2)[1], StringComparison.Ordinal);
        await using var connection = new Npgsql.NpgsqlConnection(app.ConnectionString);
        await connection.OpenAsync();
        await using var batch = new Npgsql.NpgsqlBatch(connection)
        {
            BatchCommands = { new($"CALL tenancy.bind_tenant_planning_each({owner.TenantId})"), new("SHOW plan_cache_mode") },
        };
        Assert.Equal("force_custom_plan", await batch.ExecuteScalarAsync());
        await using var after = new Npgsql.NpgsqlCommand("SHOW plan_cache_mode", connection);
        Assert.Equal("auto", await after.ExecuteScalarAsync()); // the next transaction on this connection plans as usual
    }

    [Fact]
    public async Task The_list_is_paged_and_counts_each_leads_deals()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync("Aaron");
        await owner.ADealAsync(lead.Id);
        await owner.ADealAsync(lead.Id);
        await owner.ALeadAsync("Bia");
        await owner.ALeadAsync("Caio");

        var page = await owner.SendAsync(HttpMethod.Get, "/api/leads?page=1&pageSize=2").ReadAsync<PageBody<LeadBody>>();

        Assert.Equal((3, 2), (page.Total, page.Items.Count));
        Assert.Equal(2, page.Items.Single(l => l.Name == "Aaron").DealCount);
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.SendAsync(HttpMethod.Get, "/api/leads?pageSize=500")).StatusCode);
    }

    [Fact]
    public async Task Leads_of_one_name_keep_one_order_across_pages()
    {
        var owner = await app.ACompanyAsync();
        var ids = new List<long>();
        for (var i = 0; i < 5; i++)
            ids.Add((await owner.ALeadAsync("Ana Lima")).Id);

        var pages = new List<long>();
        for (var page = 1; page <= 3; page++)
            pages.AddRange((await owner.SendAsync(HttpMethod.Get, $"/api/leads?page={page}&pageSize=2").ReadAsync<PageBody<LeadBody>>()).Items.Select(l => l.Id));

        Assert.Equal(ids.Order(), pages);
    }

    [Fact]
    public async Task A_later_page_looks_up_owners_and_deal_counts_for_its_own_rows_only()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 3; i++)
            await owner.ALeadAsync($"Caio Reis {i}");
        await owner.SendAsync(HttpMethod.Get, "/api/leads");
        using var sql = new SqlCounter();

        var page = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Get, "/api/leads?page=2&pageSize=2"))).ReadAsync<PageBody<LeadBody>>();

        Assert.Equal(["Caio Reis 2"], page.Items.Select(l => l.Name));
        // The page (ORDER BY ... LIMIT ... OFFSET) is a subquery and the owner and deal-count subqueries are outside it:
        // in one query level PostgreSQL evaluated them for every row the OFFSET skipped as well.
        Assert.Matches(@"(?s)SELECT m\.name.*FROM \(\s*SELECT [^()]*FROM pipeline\.leads AS l[^()]*LIMIT [@$]\w+ OFFSET [@$]\w+\s*\) AS", Assert.Single(sql.Commands));
    }

    [Fact]
    public async Task A_salesperson_sees_its_own_leads_and_those_it_has_a_deal_on_and_no_others()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var its = await seller.ALeadAsync("Own lead");
        var viaDeal = await owner.ALeadAsync("Owner's lead with seller's deal");
        await owner.ADealAsync(viaDeal.Id, ownerId: seller.UserId);
        var hidden = await owner.ALeadAsync("Owner's private lead");

        var visible = await seller.SendAsync(HttpMethod.Get, "/api/leads").ReadAsync<PageBody<LeadBody>>();

        Assert.Equal([its.Id, viaDeal.Id], visible.Items.Select(l => l.Id).Order());
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Get, $"/api/leads/{hidden.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Put, $"/api/leads/{hidden.Id}", new { name = "x", email = "x@example.com" })).StatusCode);
    }

    [Fact]
    public async Task A_salesperson_cannot_give_a_lead_to_someone_else_nor_edit_a_lead_it_does_not_own()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var viaDeal = await owner.ALeadAsync();
        await owner.ADealAsync(viaDeal.Id, ownerId: seller.UserId);

        var create = await seller.SendAsync(HttpMethod.Post, "/api/leads", new { name = "X", email = Given.UniqueEmail("lead"), ownerId = owner.UserId });
        var edit = await seller.SendAsync(HttpMethod.Put, $"/api/leads/{viaDeal.Id}", new { name = "Renamed", email = viaDeal.Email });

        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
    }

    [Fact]
    public async Task A_business_owner_creates_a_lead_for_a_salesperson_but_only_an_active_member()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var stranger = await app.ACompanyAsync();

        var forSeller = await owner.ALeadAsync(ownerId: seller.UserId);
        var forStranger = await owner.SendAsync(HttpMethod.Post, "/api/leads", new { name = "X", email = Given.UniqueEmail("lead"), ownerId = stranger.UserId });

        Assert.Equal(seller.UserId, forSeller.OwnerId);
        Assert.Equal(HttpStatusCode.BadRequest, forStranger.StatusCode);
        Assert.Contains("ownerId", (await Problem.ReadAsync(forStranger)).Errors.Keys);
    }

    [Fact]
    public async Task Editing_a_lead_changes_its_fields_and_keeps_e_mails_unique()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var other = await owner.ALeadAsync();

        var edited = await owner.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}", new { name = "New Name", email = "NEW@example.com", phone = (string?)null })
            .ReadAsync<LeadDetailBody>();
        var clash = await owner.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}", new { name = "x", email = other.Email });

        Assert.Equal(("New Name", "new@example.com", (string?)null), (edited.Name, edited.Email, edited.Phone));
        Assert.Equal(HttpStatusCode.Conflict, clash.StatusCode);
    }

    [Fact]
    public async Task Reassigning_a_lead_is_for_business_owners_and_leaves_its_deals_owners_alone()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await owner.ALeadAsync();
        var deal = await owner.ADealAsync(lead.Id);

        var bySeller = await seller.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}/owner", new { ownerId = seller.UserId });
        var byOwner = await owner.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}/owner", new { ownerId = seller.UserId }).ReadAsync<LeadDetailBody>();

        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
        Assert.Equal(seller.UserId, byOwner.OwnerId);
        Assert.Equal(owner.UserId, (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}").ReadAsync<DealBody>()).Owner.Id);
    }

    [Fact]
    public async Task Deleting_a_lead_takes_its_deals_and_their_notes_along_and_is_for_business_owners()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await seller.ALeadAsync();
        var deal = await seller.ADealAsync(lead.Id);
        await seller.SendAsync(HttpMethod.Post, $"/api/deals/{deal.Id}/notes", new { body = "hello" });

        var bySeller = await seller.SendAsync(HttpMethod.Delete, $"/api/leads/{lead.Id}");
        var byOwner = await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{lead.Id}");

        Assert.Equal(HttpStatusCode.Forbidden, bySeller.StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, byOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"/api/deals/{deal.Id}")).StatusCode);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.deal_notes WHERE deal_id = @p0", deal.Id));
    }

    [Fact]
    public async Task Another_companys_lead_is_a_404_on_every_lead_route()
    {
        var owner = await app.ACompanyAsync();
        var stranger = await app.ACompanyAsync();
        var lead = await stranger.ALeadAsync();

        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"/api/leads/{lead.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}", new { name = "x", email = "x@example.com" })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Put, $"/api/leads/{lead.Id}/owner", new { ownerId = owner.UserId })).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{lead.Id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Post, "/api/deals", new { leadId = lead.Id, title = "x", value = 1 })).StatusCode);
        Assert.Equal(lead.Name, (await stranger.SendAsync(HttpMethod.Get, $"/api/leads/{lead.Id}").ReadAsync<LeadDetailBody>()).Name);
    }
}

/// <summary>A lead search counts its matches only up to Pipeline:SearchCountCap: a small cap here.</summary>
public sealed class SmallSearchCountCap : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Pipeline:SearchCountCap"] = "3";
}

public sealed class LeadSearchCountCap(SmallSearchCountCap app) : IClassFixture<SmallSearchCountCap>
{
    [Fact]
    public async Task A_short_search_with_more_matches_than_the_cap_says_at_least_the_cap_and_still_pages_on()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 5; i++)
            await owner.ALeadAsync($"Rita Prado {i}");

        var first = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=pr&pageSize=2").ReadAsync<JsonElement>();
        var third = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=pr&page=3&pageSize=2").ReadAsync<JsonElement>();

        Assert.Equal((3, true), (first.GetProperty("total").GetInt32(), first.GetProperty("totalCapped").GetBoolean()));
        Assert.Equal(2, first.GetProperty("items").GetArrayLength());
        Assert.Equal(["Rita Prado 4"], third.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
    }

    [Fact]
    public async Task A_search_of_three_letters_or_more_counts_every_match_exactly_while_it_reads_them_for_the_page()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 5; i++)
            await owner.ALeadAsync($"Rui Tavares {i}");

        var first = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=TAVARES&pageSize=2").ReadAsync<JsonElement>();
        var third = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=tavares&page=3&pageSize=2").ReadAsync<JsonElement>();
        var few = await owner.SendAsync(HttpMethod.Get, "/api/leads?search=tavares%204").ReadAsync<JsonElement>();

        Assert.Equal((5, false), (first.GetProperty("total").GetInt32(), first.GetProperty("totalCapped").GetBoolean()));
        Assert.Equal(["Rui Tavares 0", "Rui Tavares 1"], first.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal(5, third.GetProperty("total").GetInt32());
        Assert.Equal(["Rui Tavares 4"], third.GetProperty("items").EnumerateArray().Select(l => l.GetProperty("name").GetString()));
        Assert.Equal((1, false), (few.GetProperty("total").GetInt32(), few.GetProperty("totalCapped").GetBoolean()));
    }

    [Fact]
    public async Task The_whole_list_is_counted_up_to_the_cap_too()
    {
        var owner = await app.ACompanyAsync();
        for (var i = 0; i < 5; i++)
            await owner.ALeadAsync($"Caio Lima {i}");

        var first = await owner.SendAsync(HttpMethod.Get, "/api/leads?pageSize=2").ReadAsync<JsonElement>();

        Assert.Equal((3, true), (first.GetProperty("total").GetInt32(), first.GetProperty("totalCapped").GetBoolean()));
    }
}
