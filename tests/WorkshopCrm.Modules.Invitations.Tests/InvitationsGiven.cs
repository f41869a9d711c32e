using System.Text.RegularExpressions;

namespace WorkshopCrm.Modules.Invitations.Tests;

internal sealed record InviterBody(long Id, string Name);

internal sealed record PageBody<T>(List<T> Items, int Page, int PageSize, int Total);

internal sealed record InvitationBody(long Id, string Email, string Status, InviterBody InvitedBy, DateTimeOffset ExpiresAt, string? Link);

internal sealed record PreviewBody(string Email, string CompanyName, DateTimeOffset ExpiresAt);

internal static partial class InvitationsGiven
{
    /// <summary>A company whose owner has verified its e-mail (only they may invite).</summary>
    public static async Task<Account> AVerifiedCompanyAsync(this CrmAppFixture app)
    {
        var owner = await app.ACompanyAsync();
        await app.ExecuteAsync("UPDATE identity.users SET email_verified_at = now() WHERE id = @p0", owner.UserId);
        return owner;
    }

    public static async Task<InvitationBody> InviteAsync(this Account owner, string email)
    {
        var response = await owner.SendAsync(HttpMethod.Post, "/api/invitations", new { email });
        Assert.True(response.StatusCode == HttpStatusCode.Created, await response.Content.ReadAsStringAsync());
        return (await response.Content.ReadFromJsonAsync<InvitationBody>())!;
    }

    public static string TokenOf(string link) => link[(link.LastIndexOf('/') + 1)..];

    /// <summary>The token of the invitation e-mail's link (waits for the e-mail; skips <paramref name="except"/>).</summary>
    public static async Task<string> TokenFromMailAsync(this CrmAppFixture app, string email, string? except = null)
    {
        var mail = await app.Smtp.WaitForMessageToAsync(email, m => Link().IsMatch(m.TextBody ?? "") && TokenOf(Link().Match(m.TextBody!).Value) != except);
        return TokenOf(Link().Match(mail.TextBody!).Value);
    }

    public static Task<HttpResponseMessage> AcceptAsync(this CrmAppFixture app, string token, string name = "Nova Vendedora", string password = "a strong passphrase 1") =>
        app.CreateClient().PostAsJsonAsync($"/api/invitations/by-token/{token}/accept", new { name, password });

    [GeneratedRegex(@"https?://\S+/invite/\S+")]
    private static partial Regex Link();
}
