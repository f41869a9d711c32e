using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace WorkshopCrm.Modules.Invitations.Tests;

/// <summary>A Host whose clock the test moves.</summary>
public sealed class FakeClockFixture : CrmAppFixture
{
    public FakeTimeProvider Clock { get; } = new(DateTimeOffset.UtcNow);

    protected override void ConfigureServices(IServiceCollection services) => services.AddSingleton<TimeProvider>(Clock);
}

public sealed class Expiry(FakeClockFixture app) : IClassFixture<FakeClockFixture>
{
    [Fact]
    public async Task An_invitation_expires_after_seven_days_even_before_the_job_runs_and_the_job_marks_it()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var invitation = await owner.InviteAsync(Given.UniqueEmail("seller"));
        var token = InvitationsGiven.TokenOf(invitation.Link!);
        Assert.Equal(HttpStatusCode.OK, (await app.CreateClient().GetAsync($"/api/invitations/by-token/{token}")).StatusCode);

        app.Clock.Advance(TimeSpan.FromDays(7) + TimeSpan.FromSeconds(1));

        var expired = await app.AcceptAsync(token);
        Assert.Equal((HttpStatusCode.Gone, "invitation.expired"), (expired.StatusCode, (await Problem.ReadAsync(expired)).Code));
        Assert.Equal([invitation.Id], (await owner.SendAsync(HttpMethod.Get, "/api/invitations?status=Expired").ReadAsync<PageBody<InvitationBody>>()).Items.Select(i => i.Id));
        Assert.Empty((await owner.SendAsync(HttpMethod.Get, "/api/invitations?status=Pending").ReadAsync<PageBody<InvitationBody>>()).Items);
        app.Clock.Advance(TimeSpan.FromMinutes(1));
        await Eventually.TrueAsync(async () => await app.ScalarAsync<long>("SELECT invitation_status_id FROM invitations.invitations WHERE id = @p0", invitation.Id) == 4,
            "the expiry job to mark it Expired");
    }
}

public sealed class LimitFixture : CrmAppFixture
{
    protected override void Configure(IDictionary<string, string?> settings) => settings["Invitations:PerTenantPerHour"] = "2";
}

public sealed class Limits(LimitFixture app) : IClassFixture<LimitFixture>
{
    [Fact]
    public async Task A_company_sending_too_many_invitations_an_hour_gets_a_clear_429()
    {
        var owner = await app.AVerifiedCompanyAsync();
        await owner.InviteAsync(Given.UniqueEmail("seller"));
        await owner.InviteAsync(Given.UniqueEmail("seller"));

        var third = await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail("seller") });

        Assert.Equal(HttpStatusCode.TooManyRequests, third.StatusCode);
        Assert.True(third.Headers.Contains("Retry-After"));
        Assert.Equal("invitation.rate_limited", (await Problem.ReadAsync(third)).Code);
        var other = await app.AVerifiedCompanyAsync();
        Assert.Equal(HttpStatusCode.Created, (await other.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail("seller") })).StatusCode);
    }
}
