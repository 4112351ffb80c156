using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// After the app is removed in Zoom (app_deauthorized), staff see it everywhere it matters: rows say 送信停止 rather than
/// 発行済み, 「開始」 is disabled with the reason, the home page counts the 日程 and booked applicants on hold, and
/// 「送信停止中の予約」 lists the applicants whose meetings lie on the removed account.
/// </summary>
public sealed class UnlinkedVisibilityTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Removing_the_app_turns_issued_rows_into_sendestop_disables_start_and_lists_the_booked_applicants()
    {
        var booked = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var free = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "10:00", "10:30");
        var hidden = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(4), "10:00", "10:30", shown: false);
        await _w.RowStateAsync(booked, "Issued");
        await _w.RowStateAsync(free, "Issued");
        var applicant = await _w.Admin.CreateApplicantAsync("送信 停子", "teishi@example.test");
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        var myPage = await _w.Admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _w.World.Browser().BookAsync(myPage, booked)));

        // While 連携中 nothing is on hold.
        Assert.Null((await _w.Admin.GetAsync("/")).Document.QuerySelector(".card.unsent"));
        Assert.NotNull(SelectionSetup.Row(await _w.SettingsAsync(), booked)!.QuerySelector($"form[action$='{booked}?handler=Start']"));

        var accountId = (await _w.World.SandboxStateAsync())["installations"]![0]!["account_id"]!.GetValue<string>();
        Assert.True((await _w.World.SandboxPostAsync($"accounts/{accountId}/deauthorize")).IsSuccessStatusCode);

        HtmlPage home = null!;
        await ZoomWorld.EventuallyAsync(async () => (home = await _w.Admin.GetAsync("/")).Document.QuerySelector(".card.unsent") is not null, "the 送信停止 card on the home page");
        var stat = home.Document.QuerySelector(".card.unsent [data-unsent-schedules]")!;
        Assert.Equal("2", stat.GetAttribute("data-unsent-schedules")); // the booked and the free shown 日程, not the hidden one
        Assert.Equal("1", stat.GetAttribute("data-unsent-applicants"));
        Assert.Contains("日程 2件・予約者 1名", home.Text);

        var settings = await _w.SettingsAsync();
        foreach (var id in new[] { booked, free })
        {
            var row = SelectionSetup.Row(settings, id)!;
            Assert.Equal("Blocked", SelectionSetup.MeetingState(settings, id));
            Assert.Contains("送信停止", row.TextContent);
            Assert.DoesNotContain("発行済み", row.TextContent);
            Assert.Contains("Zoomとの連携が解除されているため、送信していません。", row.TextContent);
            Assert.Null(row.QuerySelector("form[action*='handler=Start']"));
            Assert.True(row.QuerySelector("button.start")!.HasAttribute("disabled"));
            Assert.Contains("Zoomとの連携が「未連携」のため開始できません。", row.QuerySelector(".start-disabled")!.TextContent);
        }
        Assert.Equal("None", SelectionSetup.MeetingState(settings, hidden));

        // A start posted anyway is refused with the reason and never reaches Zoom's start link.
        var token = settings.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var start = await _w.Admin.PostRawAsync($"/SelectionMeetings/Schedules/{booked}?handler=Start", [new("__RequestVerificationToken", token)]);
        Assert.Equal(_w.SettingsUrl, start.Path);
        Assert.DoesNotContain("zak=", start.Url.ToString(), StringComparison.Ordinal);

        var unsent = await _w.Admin.GetAsync("/SelectionMeetings/Unsent");
        var listed = Assert.Single(unsent.Document.QuerySelectorAll("table.unsent tbody tr"));
        Assert.Equal(applicant.ToString(), listed.GetAttribute("data-applicant-id"));
        Assert.Equal("true", listed.GetAttribute("data-removed-account"));
        Assert.Contains("teishi@example.test", listed.TextContent);
        Assert.Contains("解除されたZoomアカウントのミーティング", listed.TextContent);

        var english = _w.World.Browser(language: "en");
        await english.SignInAsync(Demo.AdminEmail);
        var homeEn = await english.GetAsync("/");
        Assert.Contains("2 schedules · 1 booked applicants", homeEn.Text);
        Assert.Contains("Cannot start: the Zoom linkage is Not linked.", (await english.GetAsync(_w.SettingsUrl)).Text);
    }

    [Fact]
    public async Task Unlinking_in_saiyo_first_names_the_booked_applicants_then_lists_them_as_on_hold()
    {
        var booked = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "14:00", "14:30");
        await _w.RowStateAsync(booked, "Issued");
        var applicant = await _w.Admin.CreateApplicantAsync("解除 影響子", "unlink.impact@example.test");
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        var myPage = await _w.Admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _w.World.Browser().BookAsync(myPage, booked)));

        var confirm = await _w.Admin.GetAsync("/Integrations/Zoom/Unlink");
        var row = Assert.Single(confirm.Document.QuerySelectorAll("table.impact tbody tr"));
        Assert.Equal(applicant.ToString(), row.GetAttribute("data-applicant-id"));
        Assert.Contains("メールは送られません。", row.TextContent);

        Assert.Equal("/Integrations", (await _w.Admin.SubmitAsync(confirm, formSelector: "main form[method=post]")).Path);
        var unsent = await _w.Admin.GetAsync("/SelectionMeetings/Unsent");
        Assert.Equal(applicant.ToString(), Assert.Single(unsent.Document.QuerySelectorAll("table.unsent tbody tr")).GetAttribute("data-applicant-id"));
        Assert.Equal("Blocked", SelectionSetup.MeetingState(await _w.SettingsAsync(), booked));
    }
}
