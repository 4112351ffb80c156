namespace Saiyo.Zoom.Tests.Integration;

public sealed class OAuthIntegrationTests
{
    [Fact]
    public async Task Link_flow_gets_tokens_for_the_account_refresh_rotates_and_revoke_uninstalls()
    {
        await using var z = await ZoomIntegration.StartAsync();
        var ct = CancellationToken.None;

        var linked = await z.LinkAsync();
        Assert.Equal(z.Clock.GetUtcNow().AddSeconds(3599), linked.ExpiresAtUtc);
        Assert.Equal(new Uri(z.Sandbox.BaseUrl), linked.ApiUrl);

        var me = await z.Api.GetMeAsync(ZoomIntegration.Key, ct);
        Assert.True(me.IsSuccess, me.ToString());
        Assert.Equal(ZoomIntegration.AccountA, me.Value.AccountId);
        Assert.Equal(ZoomIntegration.Admin, me.Value.Email);

        var installation = Assert.Single(z.Snapshot()["installations"]!.AsArray());
        Assert.Equal(ZoomIntegration.AccountA, installation!["account_id"]!.GetValue<string>());
        Assert.Equal(me.Value.Id, installation["installed_by"]!.GetValue<string>());

        // Refresh rotates both tokens; the old refresh token is dead and says so as ReauthorizationRequired.
        var refreshed = await z.OAuth.RefreshAsync(linked.RefreshToken, ct);
        Assert.True(refreshed.IsSuccess, refreshed.ToString());
        Assert.NotEqual(linked.RefreshToken, refreshed.Value.RefreshToken);
        Assert.NotEqual(linked.AccessToken, refreshed.Value.AccessToken);
        z.Tokens.Save(ZoomIntegration.Key, refreshed.Value);

        var replay = await z.OAuth.RefreshAsync(linked.RefreshToken, ct);
        Assert.False(replay.IsSuccess);
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, replay.Error.Kind);
        Assert.Equal("invalid_grant", replay.Error.OAuthError);

        var tokens = z.TokensOf(ZoomIntegration.AccountA);
        Assert.Equal(2, tokens.Count);
        Assert.Equal(1, tokens.Count(t => t["refresh_used"]!.GetValue<bool>()));
        Assert.All(tokens, t => Assert.Null(t["revoked_reason"]));

        var again = await z.Api.GetMeAsync(ZoomIntegration.Key, ct);
        Assert.True(again.IsSuccess, again.ToString());
        Assert.Equal(0, z.Tokens.Rejections);

        // Revoke uninstalls the app: no installation, every token dead, the next call needs a new link (after one refresh try).
        var revoked = await z.OAuth.RevokeAsync(refreshed.Value.AccessToken, ct);
        Assert.True(revoked.IsSuccess, revoked.ToString());
        Assert.Empty(z.Snapshot()["installations"]!.AsArray());
        Assert.All(z.TokensOf(ZoomIntegration.AccountA), t => Assert.Equal("revoked by the app", t["revoked_reason"]?.GetValue<string>()));

        var after = await z.Api.GetMeAsync(ZoomIntegration.Key, ct);
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, after.Error?.Kind);
        Assert.Equal(1, z.Tokens.Rejections);
        Assert.Equal(1, z.Tokens.Refreshes);
        Assert.Null(z.Tokens.Load(ZoomIntegration.Key));

        // Linking again works.
        await z.LinkAsync();
        Assert.True((await z.Api.GetMeAsync(ZoomIntegration.Key, ct)).IsSuccess);
    }

    [Fact]
    public async Task A_member_cannot_link_and_an_unknown_code_is_ReauthorizationRequired()
    {
        await using var z = await ZoomIntegration.StartAsync();
        var request = z.OAuth.CreateAuthorizationRequest("st-member");
        using var browser = Saiyo.Zoom.Tests.Sandbox.SandboxHost.Browser();
        var page = await z.Sandbox.SignInAsync(browser, request.Url.AbsoluteUri, "host1@sandbox.zoom.test");
        Assert.DoesNotContain(">Allow<", page, StringComparison.Ordinal);
        Assert.Empty(z.Snapshot()["installations"]!.AsArray());

        var exchange = await z.OAuth.ExchangeCodeAsync("not-a-code", request.CodeVerifier, CancellationToken.None);
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, exchange.Error?.Kind);
    }
}
