using Ical.Net;
using Ical.Net.CalendarComponents;

namespace WorkshopCrm.Modules.Pipeline.Tests;

public sealed class Activities(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    private static readonly DateOnly Today = PipelineGiven.SaoPauloToday();

    private static string Day(DateOnly day) => day.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);

    [Fact]
    public async Task The_six_activity_types_are_listed_in_order()
    {
        var owner = await app.ACompanyAsync();

        var types = await owner.SendAsync(HttpMethod.Get, "/api/activity-types").ReadAsync<List<Ref>>();

        Assert.Equal(["Call", "WhatsApp", "Meeting", "E-mail", "Visit", "Task"], types.Select(t => t.Name));
    }

    [Fact]
    public async Task An_activity_on_a_deal_names_its_lead_and_becomes_the_cards_next_activity()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync("Lia Cliente", phone: "+55 71 98654-7720");
        var deal = await owner.ADealAsync(lead.Id, "Revisão");

        var later = await owner.AnActivityAsync(dealId: deal.Id, subject: "Enviar proposta", dueDate: Today.AddDays(3), dueTime: "14:30", durationMinutes: 45);
        var sooner = await owner.AnActivityAsync(dealId: deal.Id, subject: "Ligar", dueDate: Today.AddDays(1), typeId: 2);

        Assert.Equal((lead.Id, "Lia Cliente", "+55 71 98654-7720"), (later.Lead.Id, later.Lead.Name, later.Lead.Phone));
        Assert.Equal((deal.Id, "14:30", 45, "Call", owner.UserId), (later.Deal!.Id, later.DueTime, later.DurationMinutes, later.Type.Name, later.Owner.Id));
        var card = (await owner.BoardAsync()).Column(1).Deals.Single(d => d.Id == deal.Id);
        Assert.Equal(new NextActivityBody(sooner.Id, 2, Today.AddDays(1), null, false), card.NextActivity);

        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{sooner.Id}/complete", new { outcome = "Falou que vai pensar" }).ReadAsync<ActivityBody>();

        card = (await owner.BoardAsync()).Column(1).Deals.Single(d => d.Id == deal.Id);
        Assert.Equal(later.Id, card.NextActivity!.Id);
        Assert.Equal("14:30", card.NextActivity.DueTime);
    }

    [Fact]
    public async Task A_card_with_an_activity_from_yesterday_says_overdue_and_one_without_any_has_none()
    {
        var owner = await app.ACompanyAsync();
        var late = await owner.ADealAsync("Atrasado");
        var idle = await owner.ADealAsync("Parado");
        await owner.AnActivityAsync(dealId: late.Id, dueDate: Today.AddDays(-1));

        var column = (await owner.BoardAsync()).Column(1);

        Assert.True(column.Deals.Single(d => d.Id == late.Id).NextActivity!.Overdue);
        Assert.Null(column.Deals.Single(d => d.Id == idle.Id).NextActivity);
        var moved = await owner.MoveAsync(late.Id, 3).ReadAsync<CardBody>();
        Assert.True(moved.NextActivity!.Overdue); // the move's answer carries it too
    }

    [Theory]
    [InlineData("typeId", """{"typeId":99,"subject":"x","dueDate":"2026-12-01","leadId":LEAD}""", "No such activity type.")]
    [InlineData("subject", """{"typeId":1,"subject":"   ","dueDate":"2026-12-01","leadId":LEAD}""", "Required.")]
    [InlineData("dueDate", """{"typeId":1,"subject":"x","dueDate":"2026-02-30","leadId":LEAD}""", "Must be a date.")]
    [InlineData("dueDate", """{"typeId":1,"subject":"x","leadId":LEAD}""", "Required.")]
    [InlineData("dueTime", """{"typeId":1,"subject":"x","dueTime":"09:00","leadId":LEAD}""", "A time needs a date.")]
    [InlineData("dueTime", """{"typeId":1,"subject":"x","dueDate":"2026-12-01","dueTime":"25:00","leadId":LEAD}""", "Must be a date.")]
    [InlineData("durationMinutes", """{"typeId":1,"subject":"x","dueDate":"2026-12-01","dueTime":"09:00","durationMinutes":0,"leadId":LEAD}""", "Must be between 1 and 1440.")]
    [InlineData("leadId", """{"typeId":1,"subject":"x","dueDate":"2026-12-01"}""", "Required.")]
    public async Task Bad_input_is_a_400_naming_the_field_and_nothing_is_written(string field, string json, string message)
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var request = owner.Request(HttpMethod.Post, "/api/activities");
        request.Content = new StringContent(json.Replace("LEAD", lead.Id.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal),
            System.Text.Encoding.UTF8, "application/json");

        var response = await owner.Client.SendAsync(request);

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(400, problem.Status);
        Assert.Contains(message, problem.Errors[field]);
        Assert.Equal(0, (await owner.ActivitiesAsync()).Total);
    }

    [Fact]
    public async Task A_subject_too_long_and_notes_too_long_are_refused()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/activities",
            new { typeId = 1, subject = new string('a', 256), notes = new string('n', 10_001), dueDate = Day(Today), leadId = lead.Id });

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(["At most 255 characters."], problem.Errors["subject"]);
        Assert.Equal(["At most 10000 characters."], problem.Errors["notes"]);
    }

    [Fact]
    public async Task A_deal_of_another_lead_is_a_400_and_another_companys_lead_deal_or_user_is_not_there()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var otherLead = await owner.ALeadAsync();
        var otherDeal = await owner.ADealAsync(otherLead.Id);
        var stranger = await app.ACompanyAsync();
        var strangersDeal = await stranger.ADealAsync();
        var strangersLead = await stranger.ALeadAsync();
        object Body(long? leadId = null, long? dealId = null, long? ownerId = null) =>
            new { typeId = 1, subject = "x", dueDate = Day(Today), leadId, dealId, ownerId };

        var wrongLead = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/activities", Body(lead.Id, otherDeal.Id)));
        var theirDeal = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/activities", Body(dealId: strangersDeal.Id)));
        var theirLead = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/activities", Body(strangersLead.Id)));
        var theirUser = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/activities", Body(lead.Id, ownerId: stranger.UserId)));

        Assert.Equal((400, "activity.deal_of_another_lead"), (wrongLead.Status, wrongLead.Code));
        Assert.Contains("dealId", wrongLead.Errors.Keys);
        Assert.Equal((404, "deal.not_found"), (theirDeal.Status, theirDeal.Code));
        Assert.Equal((404, "lead.not_found"), (theirLead.Status, theirLead.Code));
        Assert.Equal((400, "activity.owner_invalid"), (theirUser.Status, theirUser.Code));
        Assert.Contains("ownerId", theirUser.Errors.Keys);
        Assert.Equal(0, (await owner.ActivitiesAsync()).Total);
        var strangersActivity = await stranger.AnActivityAsync(dealId: strangersDeal.Id);
        foreach (var (method, path) in new[]
                 {
                     (HttpMethod.Get, ""), (HttpMethod.Delete, ""), (HttpMethod.Post, "/complete"), (HttpMethod.Post, "/reopen"),
                 })
        {
            var response = await owner.SendAsync(method, $"/api/activities/{strangersActivity.Id}{path}", method == HttpMethod.Post ? new { } : null);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Put, $"/api/activities/{strangersActivity.Id}",
            new { typeId = 1, subject = "mine now", dueDate = Day(Today) })).StatusCode);
        Assert.Equal("Ligar para confirmar", (await stranger.SendAsync(HttpMethod.Get, $"/api/activities/{strangersActivity.Id}").ReadAsync<ActivityBody>()).Subject);
    }

    [Fact]
    public async Task An_inactive_user_cannot_be_given_an_activity()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var lead = await owner.ALeadAsync();
        await owner.SendAsync(HttpMethod.Post, $"/api/users/{seller.UserId}/deactivate", new { });
        await app.EventsSettledAsync();

        var problem = await Problem.ReadAsync(await owner.SendAsync(HttpMethod.Post, "/api/activities",
            new { typeId = 1, subject = "x", dueDate = Day(Today), leadId = lead.Id, ownerId = seller.UserId }));

        Assert.Equal((400, "activity.owner_invalid"), (problem.Status, problem.Code));
    }

    [Fact]
    public async Task A_salesperson_schedules_only_for_itself_and_sees_its_own_and_those_on_its_deals()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var sellersDeal = await seller.ADealAsync("Do vendedor");
        var ownersDeal = await owner.ADealAsync("Da dona");
        var onSellersDeal = await owner.AnActivityAsync(dealId: sellersDeal.Id, subject: "Da dona no negócio do vendedor");
        var givenToSeller = await owner.AnActivityAsync(dealId: ownersDeal.Id, subject: "Para o vendedor", ownerId: seller.UserId);
        var ownersOwn = await owner.AnActivityAsync(dealId: ownersDeal.Id, subject: "Só da dona");

        var forOwner = await seller.SendAsync(HttpMethod.Post, "/api/activities",
            new { typeId = 1, subject = "x", dueDate = Day(Today), dealId = sellersDeal.Id, ownerId = owner.UserId });
        var onOwnersDeal = await seller.SendAsync(HttpMethod.Post, "/api/activities", new { typeId = 1, subject = "x", dueDate = Day(Today), dealId = ownersDeal.Id });
        var own = await seller.AnActivityAsync(dealId: sellersDeal.Id, subject: "Minha");

        Assert.Equal(HttpStatusCode.Forbidden, forOwner.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, onOwnersDeal.StatusCode);
        Assert.Equal(seller.UserId, own.Owner.Id);
        var seen = (await seller.ActivitiesAsync()).Items.Select(a => a.Id).Order();
        Assert.Equal(new[] { onSellersDeal.Id, givenToSeller.Id, own.Id }.Order(), seen);
        Assert.Equal(HttpStatusCode.NotFound, (await seller.SendAsync(HttpMethod.Get, $"/api/activities/{ownersOwn.Id}")).StatusCode);
        Assert.Equal(4, (await owner.ActivitiesAsync()).Total);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Put, $"/api/activities/{own.Id}",
            new { typeId = 1, subject = "x", dueDate = Day(Today), ownerId = owner.UserId })).StatusCode);
    }

    [Fact]
    public async Task Scopes_split_open_activities_by_the_companys_day_and_done_lists_newest_first()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        var yesterday = await owner.AnActivityAsync(dealId: deal.Id, subject: "ontem", dueDate: Today.AddDays(-1));
        var today = await owner.AnActivityAsync(dealId: deal.Id, subject: "hoje", dueDate: Today);
        var tomorrow = await owner.AnActivityAsync(dealId: deal.Id, subject: "amanhã", dueDate: Today.AddDays(1));
        var nextMonth = await owner.AnActivityAsync(dealId: deal.Id, subject: "mês que vem", dueDate: Today.AddDays(30));
        var first = await owner.AnActivityAsync(dealId: deal.Id, subject: "feita antes", dueDate: Today.AddDays(2));
        var second = await owner.AnActivityAsync(dealId: deal.Id, subject: "feita depois", dueDate: Today.AddDays(2));
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{first.Id}/complete", new { });
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{second.Id}/complete", new { outcome = "Fechou!" });

        async Task<long[]> Ids(string query) => (await owner.ActivitiesAsync(query)).Items.Select(a => a.Id).ToArray();

        Assert.Equal([yesterday.Id], await Ids("?scope=overdue"));
        Assert.Equal([today.Id], await Ids("?scope=today"));
        Assert.Equal([tomorrow.Id, nextMonth.Id], await Ids("?scope=upcoming"));
        Assert.Equal([tomorrow.Id], await Ids($"?scope=upcoming&to={Day(Today.AddDays(7))}"));
        Assert.Equal([second.Id, first.Id], await Ids("?scope=done"));
        Assert.Equal(6, (await owner.ActivitiesAsync($"?dealId={deal.Id}")).Total);
        Assert.True((await owner.ActivitiesAsync("?scope=overdue")).Items[0].Overdue);
        var done = (await owner.ActivitiesAsync("?scope=done")).Items[0];
        Assert.Equal((true, "Fechou!", owner.UserId), (done.Done, done.Outcome, done.DoneBy!.Id));
        Assert.Equal(HttpStatusCode.BadRequest, (await owner.SendAsync(HttpMethod.Get, "/api/activities?scope=someday")).StatusCode);
    }

    [Fact]
    public async Task Reopening_undoes_completing_and_editing_changes_what_and_when_but_not_the_lead()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await owner.ADealAsync();
        var activity = await owner.AnActivityAsync(dealId: deal.Id);

        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { outcome = "ok" }).ReadAsync<ActivityBody>();
        var reopened = await owner.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/reopen", new { }).ReadAsync<ActivityBody>();
        var edited = await owner.SendAsync(HttpMethod.Put, $"/api/activities/{activity.Id}",
            new { typeId = 3, subject = "Reunião na oficina", dueDate = Day(Today.AddDays(5)), dueTime = "10:00", durationMinutes = 60, notes = "Levar catálogo", ownerId = seller.UserId })
            .ReadAsync<ActivityBody>();

        Assert.Equal((false, (DateTimeOffset?)null, (string?)null), (reopened.Done, reopened.DoneAt, reopened.Outcome));
        Assert.Equal(("Meeting", "Reunião na oficina", Today.AddDays(5), "10:00", 60, "Levar catálogo", seller.UserId, deal.Id),
            (edited.Type.Name, edited.Subject, edited.DueDate, edited.DueTime, edited.DurationMinutes, edited.Notes, edited.Owner.Id, edited.Deal!.Id));
    }

    [Fact]
    public async Task Completing_reopening_and_editing_answer_the_activity_as_a_read_shows_it_afterwards()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner, name: "Sara Vendas");
        var deal = await owner.ADealAsync();
        var activity = await owner.AnActivityAsync(dealId: deal.Id);
        var path = $"/api/activities/{activity.Id}";
        async Task<ActivityBody> Read() => await owner.SendAsync(HttpMethod.Get, path).ReadAsync<ActivityBody>();

        var completed = await owner.SendAsync(HttpMethod.Post, $"{path}/complete", new { outcome = "Ligou" }).ReadAsync<ActivityBody>();
        Assert.Equal(await Read(), completed);
        var handedOver = await owner.SendAsync(HttpMethod.Put, path,
            new { typeId = 1, subject = "Retornar", dueDate = Day(Today), ownerId = seller.UserId }).ReadAsync<ActivityBody>();
        Assert.Equal(await Read(), handedOver);
        var outcomeByAnother = await seller.SendAsync(HttpMethod.Post, $"{path}/complete", new { outcome = "Retornou" }).ReadAsync<ActivityBody>();
        Assert.Equal(await Read(), outcomeByAnother);
        var reopened = await seller.SendAsync(HttpMethod.Post, $"{path}/reopen", new { }).ReadAsync<ActivityBody>();
        Assert.Equal(await Read(), reopened);
        var completedBySeller = await seller.SendAsync(HttpMethod.Post, $"{path}/complete", new { }).ReadAsync<ActivityBody>();
        Assert.Equal(await Read(), completedBySeller);

        Assert.Equal(("Sara Vendas", "Retornar", "Sara Vendas"), (handedOver.Owner.Name, handedOver.Subject, completedBySeller.DoneBy!.Name));
        Assert.Equal((owner.UserId, "Retornou"), (outcomeByAnother.DoneBy!.Id, outcomeByAnother.Outcome)); // done by whoever did it first
        Assert.Equal((deal.Id, deal.Title), (completedBySeller.Deal!.Id, completedBySeller.Deal.Title));
    }

    [Fact]
    public async Task Deleting_a_deal_or_a_lead_takes_their_activities_along()
    {
        var owner = await app.ACompanyAsync();
        var lead = await owner.ALeadAsync();
        var deal = await owner.ADealAsync(lead.Id);
        var onDeal = await owner.AnActivityAsync(dealId: deal.Id);
        var onLead = await owner.AnActivityAsync(leadId: lead.Id);

        await owner.SendAsync(HttpMethod.Delete, $"/api/deals/{deal.Id}");

        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Get, $"/api/activities/{onDeal.Id}")).StatusCode);
        Assert.Equal([onLead.Id], (await owner.ActivitiesAsync()).Items.Select(a => a.Id));

        await owner.SendAsync(HttpMethod.Delete, $"/api/leads/{lead.Id}");

        Assert.Equal(0, (await owner.ActivitiesAsync()).Total);
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.activities WHERE tenant_id = @p0", owner.TenantId));
    }

    [Fact]
    public async Task An_open_board_hears_activities_of_its_deals()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var deal = await seller.ADealAsync();
        await app.EventsSettledAsync();
        await using var stream = await EventStream.OpenAsync(owner);

        var activity = await seller.AnActivityAsync(dealId: deal.Id);

        var created = await stream.NextAsync("activity.created");
        Assert.Equal((activity.Id, deal.Id, seller.UserId), (created.GetProperty("activityId").GetInt64(), created.GetProperty("dealId").GetInt64(), created.GetProperty("ownerId").GetInt64()));
        await seller.SendAsync(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { });
        Assert.Equal(activity.Id, (await stream.NextAsync("activity.completed")).GetProperty("activityId").GetInt64());
        await seller.SendAsync(HttpMethod.Delete, $"/api/activities/{activity.Id}");
        Assert.Equal(activity.Id, (await stream.NextAsync("activity.deleted")).GetProperty("activityId").GetInt64());
    }

    [Fact]
    public async Task Completing_an_activity_binds_its_transaction_with_the_read_so_the_save_goes_out_alone()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        var activity = await owner.AnActivityAsync(dealId: deal.Id);
        using var sql = new SqlCounter();

        var response = await owner.Client.SendAsync(sql.Tag(owner.Request(HttpMethod.Post, $"/api/activities/{activity.Id}/complete", new { outcome = "Ligou" })));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // The read (bound to the company in its round trip), the save (the activity and the deal's history), the
        // board's notification; no binding statement of its own before the save.
        Assert.Collection(sql.Commands,
            read => Assert.Contains("CALL tenancy.bind_tenant", read, StringComparison.Ordinal),
            save => Assert.StartsWith("UPDATE pipeline.activities", SqlOf(save), StringComparison.Ordinal),
            notify => Assert.Contains("pg_notify", notify, StringComparison.Ordinal));
        Assert.Equal("Ligou", (await owner.SendAsync(HttpMethod.Get, $"/api/activities/{activity.Id}").ReadAsync<ActivityBody>()).Outcome);
    }

    private static string SqlOf(string command) => command[(command.IndexOf(": ", StringComparison.Ordinal) + 2)..].TrimStart();

    [Fact]
    public async Task The_calendar_feed_lists_open_activities_in_RFC_5545_and_rotating_kills_the_old_address()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync("Revisão completa");
        var timed = await owner.AnActivityAsync(dealId: deal.Id, subject: "Visitar a oficina", dueDate: Today.AddDays(2), dueTime: "15:00", durationMinutes: 90, typeId: 5);
        var allDay = await owner.AnActivityAsync(dealId: deal.Id, subject: "Mandar proposta", dueDate: Today.AddDays(3), typeId: 4);
        var done = await owner.AnActivityAsync(dealId: deal.Id, subject: "Já feita");
        await owner.SendAsync(HttpMethod.Post, $"/api/activities/{done.Id}/complete", new { });
        var url = (await owner.SendAsync(HttpMethod.Get, "/api/me/calendar").ReadAsync<CalendarBody>()).Url;
        var anonymous = app.CreateClient();

        var feed = await anonymous.GetAsync(new Uri(url).PathAndQuery);

        Assert.Equal(HttpStatusCode.OK, feed.StatusCode);
        Assert.Equal("text/calendar", feed.Content.Headers.ContentType?.MediaType);
        var calendar = Calendar.Load(await feed.Content.ReadAsStringAsync())!;
        Assert.Equal(2, calendar.Events.Count);
        var visit = calendar.Events.Single(e => e.Uid == $"activity-{timed.Id}@workshop-crm");
        Assert.Contains("Visitar a oficina", visit.Summary, StringComparison.Ordinal);
        Assert.Equal(("America/Sao_Paulo", 15, 90.0), (visit.Start!.TzId, visit.Start.Hour, (visit.End!.Value - visit.Start.Value).TotalMinutes));
        var proposal = calendar.Events.Single(e => e.Uid == $"activity-{allDay.Id}@workshop-crm");
        Assert.Equal((false, Today.AddDays(3)), (proposal.Start!.HasTime, DateOnly.FromDateTime(proposal.Start.Value)));
        Assert.Equal(url, (await owner.SendAsync(HttpMethod.Get, "/api/me/calendar").ReadAsync<CalendarBody>()).Url); // the same address until rotated

        var rotated = (await owner.SendAsync(HttpMethod.Post, "/api/me/calendar/rotate").ReadAsync<CalendarBody>()).Url;

        Assert.NotEqual(url, rotated);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(url).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await anonymous.GetAsync(new Uri(rotated).PathAndQuery)).StatusCode);
        var forged = rotated[..^12] + (rotated[^12] == 'A' ? 'B' : 'A') + rotated[^11..];
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync(new Uri(forged).PathAndQuery)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await anonymous.GetAsync("/api/calendar/not-a-token.ics")).StatusCode);
    }

    private sealed record CalendarBody(string Url);
}
