namespace Saiyo.Zoom.Tests.Integration;

public sealed class TokenRefreshIntegrationTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task An_expired_access_token_gets_401_124_the_source_refreshes_once_and_the_call_succeeds()
    {
        await using var z = await ZoomIntegration.StartAsync();
        var linked = await z.LinkAsync();
        z.Clock.Advance(TimeSpan.FromMinutes(61));

        var me = await z.Api.GetMeAsync(ZoomIntegration.Key, None);
        Assert.True(me.IsSuccess, me.ToString());
        Assert.Equal(ZoomIntegration.AccountA, me.Value.AccountId);
        Assert.Equal(1, z.Tokens.Rejections);
        Assert.Equal(1, z.Tokens.Refreshes);
        Assert.Equal(
            ["GET /users/me -> 401", "POST /oauth/token -> 200", "GET /users/me -> 200"],
            z.Wire.Select(w => $"{w.Method} {w.Path.Replace("/zoom-sandbox", "").Replace("/v2", "")} -> {w.Status}")
                .SkipWhile(w => !w.StartsWith("GET", StringComparison.Ordinal)));

        var stored = z.Tokens.Load(ZoomIntegration.Key)!;
        Assert.NotEqual(linked.RefreshToken, stored.RefreshToken);
        Assert.Equal(z.Clock.GetUtcNow().AddSeconds(3599), stored.ExpiresAtUtc);
        var tokens = z.TokensOf(ZoomIntegration.AccountA);
        Assert.Equal(2, tokens.Count);
        Assert.True(tokens[0]["refresh_used"]!.GetValue<bool>());

        // The new token is used from now on: no further refresh.
        Assert.True((await z.Api.ListUsersAsync(ZoomIntegration.Key, None)).IsSuccess);
        Assert.Equal(1, z.Tokens.Refreshes);
    }

    [Fact]
    public async Task Concurrent_calls_with_an_expired_token_refresh_once_and_all_succeed()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        z.Clock.Advance(TimeSpan.FromMinutes(61));

        var calls = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => z.Api.GetMeAsync(ZoomIntegration.Key, None)));
        Assert.All(calls, c => Assert.True(c.IsSuccess, c.ToString()));
        Assert.Equal(1, z.Tokens.Refreshes);
        Assert.Equal(2, z.TokensOf(ZoomIntegration.AccountA).Count);
    }

    [Fact]
    public async Task After_the_app_is_authorized_again_elsewhere_the_old_link_asks_for_one_refresh_then_ReauthorizationRequired()
    {
        await using var z = await ZoomIntegration.StartAsync();
        await z.LinkAsync();
        await z.Sandbox.LinkAsync(); // a new authorization of the app on the account (not through this store)

        var me = await z.Api.GetMeAsync(ZoomIntegration.Key, None);
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, me.Error?.Kind);
        Assert.Equal(1, z.Tokens.Rejections);
        Assert.Equal(1, z.Tokens.Refreshes);
        Assert.Single(z.WireFor("/oauth/token").Skip(1)); // one exchange (the link), one refresh: no loop
        Assert.Equal(400, z.WireFor("/oauth/token").Last().Status);

        // The dead link is forgotten: the next call asks nobody.
        var wire = z.Wire.Count;
        Assert.Equal(ZoomErrorKind.ReauthorizationRequired, (await z.Api.GetMeAsync(ZoomIntegration.Key, None)).Error?.Kind);
        Assert.Equal(wire, z.Wire.Count);

        await z.LinkAsync();
        Assert.True((await z.Api.GetMeAsync(ZoomIntegration.Key, None)).IsSuccess);
    }
}
