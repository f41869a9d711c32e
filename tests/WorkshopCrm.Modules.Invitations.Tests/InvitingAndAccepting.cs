namespace WorkshopCrm.Modules.Invitations.Tests;

public sealed class InvitingAndAccepting(CrmAppFixture app) : IClassFixture<CrmAppFixture>
{
    [Fact]
    public async Task The_invitation_e_mail_carries_a_link_that_makes_a_signed_in_salesperson_of_the_company()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");

        var invitation = await owner.InviteAsync(email);
        var mail = await app.Smtp.WaitForMessageToAsync(email);
        var token = await app.TokenFromMailAsync(email);
        var preview = await app.CreateClient().GetFromJsonAsync<PreviewBody>($"/api/invitations/by-token/{token}");
        var accepted = await app.AcceptAsync(token, "Nova Vendedora");

        Assert.Equal(("Pending", owner.UserId), (invitation.Status, invitation.InvitedBy.Id));
        Assert.Contains(owner.CompanyName, mail.Subject, StringComparison.Ordinal);
        Assert.Contains("Maria Souza", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal((email, owner.CompanyName), (preview!.Email, preview.CompanyName));
        Assert.Equal(HttpStatusCode.Created, accepted.StatusCode);
        Assert.StartsWith("crm_refresh=", accepted.Headers.GetValues("Set-Cookie").Single(), StringComparison.Ordinal);
        var tokens = (await accepted.Content.ReadFromJsonAsync<TokensBody>())!;
        Assert.Equal(("Nova Vendedora", email, "Salesperson", "Active", true, owner.TenantId),
            (tokens.User.Name, tokens.User.Email, tokens.User.Role, tokens.User.Status, tokens.User.EmailVerified, tokens.User.Tenant.Id));
        var list = (await owner.SendAsync(HttpMethod.Get, "/api/invitations").ReadAsync<PageBody<InvitationBody>>()).Items;
        Assert.Equal("Accepted", list.Single(i => i.Id == invitation.Id).Status);
    }

    [Fact]
    public async Task The_new_salesperson_can_work_its_own_deals_right_away()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        await owner.InviteAsync(email);
        var tokens = await app.AcceptAsync(await app.TokenFromMailAsync(email)).ReadAsync<TokensBody>(HttpStatusCode.Created);
        var seller = new Account(app.CreateClient(), tokens.AccessToken, tokens.User.Id, tokens.User.Tenant.Id, email, "", owner.CompanyName);

        var lead = await seller.SendAsync(HttpMethod.Post, "/api/leads", new { name = "Cliente", email = Given.UniqueEmail("lead") });

        Assert.Equal(HttpStatusCode.Created, lead.StatusCode);
        await app.EventsSettledAsync();
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM pipeline.members WHERE user_id = @p0 AND role_id = 2", tokens.User.Id));
    }

    [Fact]
    public async Task An_owner_whose_e_mail_is_not_verified_cannot_invite()
    {
        var owner = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail() });

        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
        Assert.Equal("invitation.inviter_unverified", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Inviting_an_e_mail_that_already_has_an_account_is_a_409()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var someone = await app.ACompanyAsync();

        var response = await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email = someone.Email.ToUpperInvariant() });

        Assert.Equal(HttpStatusCode.Conflict, response.StatusCode);
        Assert.Equal("invitation.email_is_user", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Inviting_the_same_e_mail_again_replaces_the_pending_invitation()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        var first = await owner.InviteAsync(email);

        var second = await owner.InviteAsync(email);

        var list = (await owner.SendAsync(HttpMethod.Get, "/api/invitations").ReadAsync<PageBody<InvitationBody>>()).Items;
        Assert.Equal("Revoked", list.Single(i => i.Id == first.Id).Status);
        Assert.Equal("Pending", list.Single(i => i.Id == second.Id).Status);
        var oldLink = await app.CreateClient().GetAsync($"/api/invitations/by-token/{InvitationsGiven.TokenOf(first.Link!)}");
        Assert.Equal(HttpStatusCode.Gone, oldLink.StatusCode);
        Assert.Equal("invitation.revoked", (await Problem.ReadAsync(oldLink)).Code);
    }

    [Fact]
    public async Task Resending_gives_a_new_link_and_kills_the_old_one()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        var invitation = await owner.InviteAsync(email);
        var oldToken = InvitationsGiven.TokenOf(invitation.Link!);

        var resent = await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/resend").ReadAsync<InvitationBody>();
        var mailed = await app.TokenFromMailAsync(email, except: oldToken);

        Assert.Equal(InvitationsGiven.TokenOf(resent.Link!), mailed);
        Assert.Equal(HttpStatusCode.NotFound, (await app.CreateClient().GetAsync($"/api/invitations/by-token/{oldToken}")).StatusCode);
        Assert.Equal(HttpStatusCode.Created, (await app.AcceptAsync(mailed)).StatusCode);
    }

    [Fact]
    public async Task Revoking_kills_the_link_and_only_pending_invitations_can_be_revoked()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var invitation = await owner.InviteAsync(Given.UniqueEmail("seller"));

        var revoked = await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/revoke");
        var again = await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{invitation.Id}/revoke");
        var accept = await app.AcceptAsync(InvitationsGiven.TokenOf(invitation.Link!));

        Assert.Equal(HttpStatusCode.NoContent, revoked.StatusCode);
        Assert.Equal(HttpStatusCode.Conflict, again.StatusCode);
        Assert.Equal((HttpStatusCode.Gone, "invitation.revoked"), (accept.StatusCode, (await Problem.ReadAsync(accept)).Code));
    }

    [Fact]
    public async Task An_address_whose_invitation_was_revoked_can_be_invited_again()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        var first = await owner.InviteAsync(email);
        await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{first.Id}/revoke");

        var again = await owner.InviteAsync(email);

        Assert.Equal("Pending", again.Status);
        Assert.Equal(HttpStatusCode.Created, (await app.AcceptAsync(InvitationsGiven.TokenOf(again.Link!))).StatusCode);
        Assert.Equal(HttpStatusCode.Gone, (await app.AcceptAsync(InvitationsGiven.TokenOf(first.Link!))).StatusCode);
    }

    [Fact]
    public async Task A_link_works_once_and_two_accepts_at_once_make_one_user()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        var invitation = await owner.InviteAsync(email);
        var token = InvitationsGiven.TokenOf(invitation.Link!);

        var answers = await Task.WhenAll(app.AcceptAsync(token, "First"), app.AcceptAsync(token, "Second"));
        var later = await app.AcceptAsync(token, "Third");

        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Created);
        Assert.Single(answers, a => a.StatusCode == HttpStatusCode.Conflict);
        Assert.Equal("invitation.accepted", (await Problem.ReadAsync(later)).Code);
        Assert.Equal(1L, await app.ScalarAsync<long>("SELECT count(*) FROM identity.users WHERE email = @p0", email));
    }

    [Theory]
    [InlineData("0123456789abcdef0123456789abcdef0123456789a")]
    [InlineData("not-a-token")]
    [InlineData("%27%20OR%201=1--")]
    public async Task An_unknown_or_malformed_token_is_a_404(string token)
    {
        var response = await app.CreateClient().GetAsync($"/api/invitations/by-token/{token}");

        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        Assert.Equal("invitation.not_found", (await Problem.ReadAsync(response)).Code);
    }

    [Fact]
    public async Task Accepting_with_a_common_password_is_a_400_naming_it()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var invitation = await owner.InviteAsync(Given.UniqueEmail("seller"));

        var response = await app.AcceptAsync(InvitationsGiven.TokenOf(invitation.Link!), password: "password123");

        var problem = await Problem.ReadAsync(response);
        Assert.Equal(("identity.password_too_common", 400), (problem.Code, problem.Status));
        Assert.Contains("password", problem.Errors.Keys);
        Assert.Equal("Pending", (await owner.SendAsync(HttpMethod.Get, "/api/invitations").ReadAsync<PageBody<InvitationBody>>()).Items.Single().Status);
    }

    [Fact]
    public async Task The_token_is_stored_hashed_and_leaves_the_outbox_once_mailed()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var email = Given.UniqueEmail("seller");
        var token = InvitationsGiven.TokenOf((await owner.InviteAsync(email)).Link!);
        await app.TokenFromMailAsync(email);
        await app.EventsSettledAsync();

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM invitations.invitations WHERE token = @p0", token));
        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM invitations.outbox_messages WHERE payload::text LIKE '%' || @p0 || '%'", token));
    }

    [Fact]
    public async Task Salespersons_cannot_manage_invitations_and_other_companies_invitations_are_404()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var seller = await app.AColleagueAsync(owner);
        var stranger = await app.AVerifiedCompanyAsync();
        var theirs = await stranger.InviteAsync(Given.UniqueEmail("seller"));

        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Get, "/api/invitations")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Post, "/api/invitations", new { email = Given.UniqueEmail() })).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await seller.SendAsync(HttpMethod.Post, $"/api/invitations/{theirs.Id}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{theirs.Id}/revoke")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{theirs.Id}/resend")).StatusCode);
        Assert.Empty((await owner.SendAsync(HttpMethod.Get, "/api/invitations").ReadAsync<PageBody<InvitationBody>>()).Items);
    }

    [Fact]
    public async Task The_list_filters_by_status()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var keep = await owner.InviteAsync(Given.UniqueEmail("seller"));
        var revoke = await owner.InviteAsync(Given.UniqueEmail("seller"));
        await owner.SendAsync(HttpMethod.Post, $"/api/invitations/{revoke.Id}/revoke");

        var pending = await owner.SendAsync(HttpMethod.Get, "/api/invitations?status=pending").ReadAsync<PageBody<InvitationBody>>();
        var bad = await owner.SendAsync(HttpMethod.Get, "/api/invitations?status=maybe");

        Assert.Equal([keep.Id], pending.Items.Select(i => i.Id));
        Assert.Equal(1, pending.Total);
        Assert.Contains("status", (await Problem.ReadAsync(bad)).Errors.Keys);
    }

    [Fact]
    public async Task The_list_is_paged_newest_first_like_every_list()
    {
        var owner = await app.AVerifiedCompanyAsync();
        var sent = new List<long>();
        for (var i = 0; i < 3; i++)
            sent.Add((await owner.InviteAsync(Given.UniqueEmail("seller"))).Id);

        var first = await owner.SendAsync(HttpMethod.Get, "/api/invitations?page=1&pageSize=2").ReadAsync<PageBody<InvitationBody>>();
        var second = await owner.SendAsync(HttpMethod.Get, "/api/invitations?page=2&pageSize=2").ReadAsync<PageBody<InvitationBody>>();
        var tooBig = await owner.SendAsync(HttpMethod.Get, "/api/invitations?pageSize=201");

        Assert.Equal((3, 1, 2), (first.Total, first.Page, first.PageSize));
        Assert.Equal([sent[2], sent[1], sent[0]], first.Items.Concat(second.Items).Select(i => i.Id));
        Assert.Contains("pageSize", (await Problem.ReadAsync(tooBig)).Errors.Keys);
    }

    [Fact]
    public async Task Deleting_the_company_deletes_its_invitations()
    {
        var owner = await app.AVerifiedCompanyAsync();
        await owner.InviteAsync(Given.UniqueEmail("seller"));

        await owner.SendAsync(HttpMethod.Delete, "/api/tenant", new { password = owner.Password, companyName = owner.CompanyName });
        await app.EventsSettledAsync();

        Assert.Equal(0L, await app.ScalarAsync<long>("SELECT count(*) FROM invitations.invitations WHERE tenant_id = @p0", owner.TenantId));
    }
}
