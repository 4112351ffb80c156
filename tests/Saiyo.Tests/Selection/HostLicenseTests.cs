using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// 「Zoomユーザ選択」 is honest about licences: licensed and Basic users are marked, and a new Basic host (Zoom ends its
/// meetings with three or more people after 40 minutes) is saved only with the confirmation ticked.
/// </summary>
public sealed class HostLicenseTests : IAsyncLifetime
{
    private const string Basic = "basic@sandbox.zoom.test";
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Hosts_are_marked_and_a_basic_host_needs_the_40_minute_confirmation_on_edit_and_create()
    {
        var url = $"/SelectionMeetings/Events/{_w.EventId}";
        var form = await _w.Admin.GetAsync(url);
        var options = form.Document.QuerySelectorAll("select[name='Input.HostExternalUserId'] option").Where(o => o.GetAttribute("value") != "").ToList();
        var licensed = options.Single(o => o.TextContent.Contains(MeetingWorld.Host1, StringComparison.Ordinal));
        var basic = options.Single(o => o.TextContent.Contains(Basic, StringComparison.Ordinal));
        Assert.Contains("有料ライセンス", licensed.TextContent);
        Assert.Equal("true", licensed.GetAttribute("data-licensed"));
        Assert.Contains("Basic（無料）", basic.TextContent);
        Assert.Equal("false", basic.GetAttribute("data-licensed"));
        Assert.Null(form.Document.QuerySelector(".basic-host-warning"));

        // Choosing the Basic user without the tick warns and changes nothing.
        var refused = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = basic.GetAttribute("value")! });
        Assert.Equal(url, refused.Path);
        Assert.Contains("3人以上のミーティングは40分で終了します", refused.Document.QuerySelector(".basic-host-warning")!.TextContent);
        Assert.Contains("Basicユーザを選ぶには、40分の制限の確認にチェックを入れてください。", refused.Errors);
        Assert.Contains(MeetingWorld.Host1, (await _w.SettingsAsync()).Document.QuerySelector($"section[data-event-id='{_w.EventId}'] dl.facts")!.TextContent);

        // Ticked, it saves.
        var saved = await _w.Admin.SubmitAsync(refused, new Dictionary<string, string> { ["Input.ConfirmBasicHost"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
        Assert.Contains(Basic, saved.Document.QuerySelector($"section[data-event-id='{_w.EventId}'] dl.facts")!.TextContent);

        // Saving again with the same Basic host asks nothing more.
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(url, new Dictionary<string, string> { ["Input.Name"] = "Web個別面接（Basic）" })).Path);

        // 新規 イベント: the same rule.
        var createUrl = $"/SelectionMeetings/{_w.MeetingId}/Events/Create";
        var create = await _w.Admin.GetAsync(createUrl);
        var fields = new Dictionary<string, string> { ["Input.Name"] = "Basicの面接", ["Input.Provider"] = "Zoom", ["Input.HostExternalUserId"] = SelectionSetup.HostOption(create, Basic) };
        var notYet = await _w.Admin.SubmitAsync(create, fields);
        Assert.Equal(createUrl, notYet.Path);
        Assert.NotNull(notYet.Document.QuerySelector(".basic-host-warning input[name='Input.ConfirmBasicHost']"));
        Assert.DoesNotContain("Basicの面接", (await _w.SettingsAsync()).Text);
        fields["Input.ConfirmBasicHost"] = "true";
        Assert.Equal(_w.SettingsUrl, (await _w.Admin.SubmitAsync(notYet, fields)).Path);

        var english = _w.World.Browser(language: "en");
        await english.SignInAsync(Demo.AdminEmail);
        var formEn = await english.GetAsync(url);
        Assert.Contains("Basic (free)", formEn.Text);
        Assert.Contains("Licensed", formEn.Text);
    }
}
