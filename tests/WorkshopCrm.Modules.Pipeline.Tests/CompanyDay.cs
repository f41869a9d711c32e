using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;
using WorkshopCrm.Modules.Pipeline.Activities;

namespace WorkshopCrm.Modules.Pipeline.Tests;

/// <summary>
/// A Host whose clock the test moves, in a company time zone where it is 22:xx when the fixture starts, so the
/// company's midnight (and a 23:00 digest hour) lie one to two hours ahead whatever time the suite runs: close enough
/// that sign-ins made before the jump stay valid, and different from UTC's day boundary.
/// </summary>
public sealed class CompanyClockFixture : CrmAppFixture
{
    public CompanyClockFixture()
    {
        var offset = 22 - Clock.GetUtcNow().Hour;
        OffsetHours = offset > 14 ? offset - 24 : offset;
        // Etc/GMT zones count the other way round: Etc/GMT-3 is UTC+3.
        Zone = OffsetHours == 0 ? "Etc/UTC" : $"Etc/GMT{(OffsetHours > 0 ? "-" : "+")}{Math.Abs(OffsetHours)}";
    }

    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);
    public int OffsetHours { get; }
    public string Zone { get; }

    public DateTimeOffset LocalNow => Clock.GetUtcNow().ToOffset(TimeSpan.FromHours(OffsetHours));

    public DateOnly LocalToday => DateOnly.FromDateTime(LocalNow.DateTime);

    /// <summary>Moves the clock forward to <paramref name="time"/> on the company's <paramref name="day"/>.</summary>
    public void SetLocal(DateOnly day, TimeOnly time) =>
        Clock.SetUtcNow(new DateTimeOffset(day.ToDateTime(time), TimeSpan.FromHours(OffsetHours)).ToUniversalTime());

    protected override void Configure(IDictionary<string, string?> settings)
    {
        settings["Pipeline:TimeZone"] = Zone;
        settings["Pipeline:DigestHour"] = "23";
    }

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class CompanyDayEdges(CompanyClockFixture app) : IClassFixture<CompanyClockFixture>
{
    [Fact]
    public async Task Today_and_overdue_turn_over_at_the_companys_midnight_not_UTCs()
    {
        var owner = await app.ACompanyAsync();
        var deal = await owner.ADealAsync();
        var day = app.LocalToday;
        var dayBefore = await owner.AnActivityAsync(dealId: deal.Id, subject: "anteontem", dueDate: day.AddDays(-1));
        var allDay = await owner.AnActivityAsync(dealId: deal.Id, subject: "hoje, dia todo", dueDate: day);
        var timed = await owner.AnActivityAsync(dealId: deal.Id, subject: "hoje 23:30", dueDate: day, dueTime: "23:30");
        var nextDay = await owner.AnActivityAsync(dealId: deal.Id, subject: "amanhã", dueDate: day.AddDays(1));
        async Task<long[]> Ids(string scope) => (await owner.ActivitiesAsync($"?scope={scope}")).Items.Select(a => a.Id).ToArray();

        app.SetLocal(day, new TimeOnly(23, 59, 30));

        Assert.Equal([dayBefore.Id], await Ids("overdue"));
        Assert.Equal([timed.Id, allDay.Id], await Ids("today"));
        Assert.Equal([nextDay.Id], await Ids("upcoming"));
        var todays = (await owner.ActivitiesAsync("?scope=today")).Items;
        Assert.Equal((true, false), (todays.Single(a => a.Id == timed.Id).Overdue, todays.Single(a => a.Id == allDay.Id).Overdue));

        app.SetLocal(day.AddDays(1), new TimeOnly(0, 0, 30));

        Assert.Equal([dayBefore.Id, timed.Id, allDay.Id], await Ids("overdue"));
        Assert.Equal([nextDay.Id], await Ids("today"));
        Assert.Empty(await Ids("upcoming"));
        Assert.All((await owner.ActivitiesAsync("?scope=overdue")).Items, a => Assert.True(a.Overdue));
    }
}

public sealed class DailyDigest(CompanyClockFixture app) : IClassFixture<CompanyClockFixture>
{
    [Fact]
    public async Task At_the_digest_hour_each_user_with_something_due_gets_one_mail_however_many_instances_send()
    {
        var owner = await app.ACompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var quiet = await app.AColleagueAsync(owner, name: "Quieta");
        var nothingDue = await app.AColleagueAsync(owner, name: "Folgada");
        var day = app.LocalToday;
        var lead = await owner.ALeadAsync("Lia Cliente", phone: "+55 71 98654-7720");
        var deal = await owner.ADealAsync(lead.Id, "Revisão completa");
        await owner.AnActivityAsync(dealId: deal.Id, subject: "Ligar para a Lia", dueDate: day, dueTime: "09:00");
        await owner.AnActivityAsync(dealId: deal.Id, subject: "Proposta atrasada", dueDate: day.AddDays(-2));
        await owner.AnActivityAsync(leadId: lead.Id, subject: "Do vendedor", dueDate: day.AddDays(-1), ownerId: seller.UserId);
        await owner.AnActivityAsync(leadId: lead.Id, subject: "Da quieta", dueDate: day, ownerId: quiet.UserId);
        await owner.AnActivityAsync(leadId: lead.Id, subject: "Só semana que vem", dueDate: day.AddDays(7), ownerId: nothingDue.UserId);
        var optedOut = await quiet.SendAsync(HttpMethod.Put, "/api/me", new { name = "Quieta", dailyDigest = false }).ReadAsync<DigestUserBody>();
        Assert.False(optedOut.DailyDigest);
        Assert.False((await quiet.SendAsync(HttpMethod.Get, "/api/me").ReadAsync<DigestUserBody>()).DailyDigest);
        Assert.True((await owner.SendAsync(HttpMethod.Get, "/api/me").ReadAsync<DigestUserBody>()).DailyDigest);
        // Two more "instances" beside the Host's own job, all at the digest hour at once.
        var instances = Enumerable.Range(0, 2).Select(_ => ActivatorUtilities.CreateInstance<DailyDigests>(app.Services)).ToList();

        app.SetLocal(day, new TimeOnly(23, 0, 5));
        var published = await Task.WhenAll(instances.Select(i => i.RunDueAsync(default)));
        await app.EventsSettledAsync();

        static bool IsDigest(MimeKit.MimeMessage m) => m.Subject?.StartsWith("Suas atividades", StringComparison.Ordinal) == true;
        var mail = await app.Smtp.WaitForMessageToAsync(owner.Email, IsDigest);
        await app.Smtp.WaitForMessageToAsync(seller.Email, IsDigest);
        await app.EventsSettledAsync();
        Assert.Single(app.Smtp.MessagesTo(owner.Email), IsDigest);
        Assert.Single(app.Smtp.MessagesTo(seller.Email), IsDigest);
        Assert.DoesNotContain(app.Smtp.MessagesTo(quiet.Email), IsDigest);
        Assert.DoesNotContain(app.Smtp.MessagesTo(nothingDue.Email), IsDigest);
        Assert.True(published.Sum() <= 3); // owner, seller, quiet: never more, whichever instance sent each
        Assert.Contains("1 para hoje, 1 atrasadas", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("09:00 · Ligação · Ligar para a Lia — Lia Cliente (Revisão completa) · +55 71 98654-7720", mail.TextBody, StringComparison.Ordinal);
        Assert.Contains("Proposta atrasada", mail.TextBody, StringComparison.Ordinal);
        Assert.DoesNotContain("Do vendedor", mail.TextBody, StringComparison.Ordinal);

        var again = await Task.WhenAll(instances.Select(i => i.RunDueAsync(default)));
        Assert.All(again, published => Assert.Equal(0, published));
    }

    private sealed record DigestUserBody(long Id, bool DailyDigest);
}
