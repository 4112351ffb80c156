using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// Impact before effect: a staff change that reaches booked applicants (deleting their 日程, moving it, a new host on the
/// イベント) first names them and the mail each will get, changes nothing until confirmed, and then mails them.
/// </summary>
public sealed class ImpactBeforeEffectTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() => _w = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    private async Task<(Guid Applicant, string MyPage)> BookedAsync(Guid schedule, string name, string email)
    {
        var applicant = await _w.Admin.CreateApplicantAsync(name, email);
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        var myPage = await _w.Admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _w.World.Browser().BookAsync(myPage, schedule)));
        return (applicant, myPage);
    }

    private List<MimeKit.MimeMessage> Cancellations(string email) =>
        ApplicantSetup.MailsTo(_w.World.Smtp, email).Where(m => (m.Subject ?? "").Contains("キャンセル", StringComparison.Ordinal)).ToList();

    [Fact]
    public async Task Deleting_a_booked_schedule_lists_the_applicant_and_cancels_with_one_mail_carrying_the_staff_message()
    {
        const string email = "delete.impact@example.test";
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var (applicant, myPage) = await BookedAsync(schedule, "削除 影響子", email);

        // The row's 削除 (as any direct post without confirmation) lands on the impact page and deletes nothing.
        var impact = await _w.Admin.SubmitAsync(await _w.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{schedule}?handler=Delete']");
        Assert.Equal($"/SelectionMeetings/Schedules/{schedule}/Delete", impact.Path);
        var row = Assert.Single(impact.Document.QuerySelectorAll("table.impact tbody tr"));
        Assert.Equal(applicant.ToString(), row.GetAttribute("data-applicant-id"));
        Assert.Contains(email, row.TextContent);
        Assert.Contains("「予約キャンセル」のメールを1通", row.QuerySelector(".impact-mail")!.TextContent);
        Assert.NotNull(SelectionSetup.Row(await _w.SettingsAsync(), schedule));
        Assert.NotNull((await _w.World.Browser().GetAsync(myPage)).Document.QuerySelector("[data-booking-id]"));

        // A message over the limit is refused with the reason and changes nothing.
        var tooLong = await _w.Admin.SubmitAsync(impact, new Dictionary<string, string> { ["Message"] = new string('長', 1001) }, "form.delete-impact");
        Assert.Equal(impact.Path, tooLong.Path);
        Assert.Contains("メッセージは1000文字以内で入力してください。", tooLong.Text);
        Assert.NotNull(SelectionSetup.Row(await _w.SettingsAsync(), schedule));

        const string message = "面接官の都合により、この日程は中止となりました。別の日程をご予約ください。";
        var done = await _w.Admin.SubmitAsync(tooLong, new Dictionary<string, string> { ["Message"] = message }, "form.delete-impact");
        Assert.Equal(_w.SettingsUrl, done.Path);
        Assert.Null(SelectionSetup.Row(done, schedule));
        Assert.Null((await _w.World.Browser().GetAsync(myPage)).Document.QuerySelector("[data-booking-id]"));
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(Cancellations(email).Count > 0), "the cancellation mail", 90);
        var mail = Assert.Single(Cancellations(email));
        Assert.Contains("■採用担当者からのメッセージ", mail.TextBody!);
        Assert.Contains(message, mail.TextBody!);
        await _w.MeetingsEventuallyAsync(schedule, 0);
    }

    [Fact]
    public async Task A_new_host_with_booked_applicants_shows_them_and_their_mail_and_saves_only_when_confirmed()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "11:00", "11:30");
        await _w.RowStateAsync(schedule, "Issued");
        var (applicant, _) = await BookedAsync(schedule, "開催 変子", "host.impact@example.test");
        var host1 = await _w.UserIdAsync(MeetingWorld.Host1);

        var url = $"/SelectionMeetings/Events/{_w.EventId}";
        var form = await _w.Admin.GetAsync(url);
        Assert.Null(form.Document.QuerySelector("table.impact"));
        var impact = await _w.Admin.SubmitAsync(form, new Dictionary<string, string> { ["Input.HostExternalUserId"] = SelectionSetup.HostOption(form, MeetingWorld.Host2) });
        Assert.Equal(url, impact.Path);
        var row = Assert.Single(impact.Document.QuerySelectorAll("table.impact tbody tr"));
        Assert.Equal(applicant.ToString(), row.GetAttribute("data-applicant-id"));
        Assert.Contains("「参加URLの変更」のメールを1通", row.TextContent);
        Assert.Contains("予約済みの応募者にメールが送られます。一覧を確認してチェックを入れてください。", impact.Errors);
        // Nothing changed yet: the meeting stays on host1.
        Assert.Contains(MeetingWorld.Host1, (await _w.SettingsAsync()).Document.QuerySelector($"section[data-event-id='{_w.EventId}'] dl.facts")!.TextContent);
        Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1, m => m["host_id"]!.GetValue<string>() == host1));

        var saved = await _w.Admin.SubmitAsync(impact, new Dictionary<string, string> { ["Input.ConfirmImpact"] = "true" });
        Assert.Equal(_w.SettingsUrl, saved.Path);
        var host2 = await _w.UserIdAsync(MeetingWorld.Host2);
        await _w.MeetingsEventuallyAsync(schedule, 1, m => m["host_id"]!.GetValue<string>() == host2);

        // Without bookings on coming 日程 there is nothing to confirm.
        var back = await _w.Admin.GetAsync(url);
        var plain = await _w.Admin.SubmitAsync(back, new Dictionary<string, string> { ["Input.Name"] = "Web個別面接（改）" });
        Assert.Equal(_w.SettingsUrl, plain.Path);
    }

    [Fact]
    public async Task Switching_a_booked_Zoom_event_to_none_is_refused_and_the_meeting_stays()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "16:00", "16:30");
        await _w.RowStateAsync(schedule, "Issued");
        await BookedAsync(schedule, "連携 維持子", "keep.zoom@example.test");
        Assert.Equal("1/1", SelectionSetup.Row(await _w.SettingsAsync(), schedule)!.QuerySelector(".booked-capacity")!.TextContent); // 予約数/定員

        var url = $"/SelectionMeetings/Events/{_w.EventId}";
        var refused = await _w.Admin.SubmitAsync(await _w.Admin.GetAsync(url), new Dictionary<string, string> { ["Input.Provider"] = "" });
        Assert.Equal(url, refused.Path);
        Assert.Contains("今後の日程に予約済みの応募者がいるため、Web面接連携を「なし」に変更できません。先にその予約を変更またはキャンセルしてください。", refused.Errors);
        Assert.NotNull((await _w.Admin.GetAsync(url)).Document.QuerySelector("input[name='Input.Provider'][value='Zoom'][checked]"));
        Assert.Single(await _w.MeetingsEventuallyAsync(schedule, 1));
    }

    [Fact]
    public async Task Moving_a_booked_schedule_names_the_applicant_and_moves_only_when_confirmed()
    {
        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(3), "13:00", "13:30");
        var (applicant, _) = await BookedAsync(schedule, "移動 影響子", "move.impact@example.test");
        var fields = new Dictionary<string, string> { ["Input.StartTime"] = "15:00", ["Input.EndTime"] = "15:30" };

        var warned = await _w.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}", fields);
        Assert.Equal($"/SelectionMeetings/Schedules/{schedule}", warned.Path);
        Assert.Contains("予約済みの応募者 1 名に日時変更のお知らせが送られます", warned.Text);
        Assert.Equal(applicant.ToString(), Assert.Single(warned.Document.QuerySelectorAll("table.impact tbody tr")).GetAttribute("data-applicant-id"));
        Assert.Contains("13:00", SelectionSetup.Row(await _w.SettingsAsync(), schedule)!.TextContent);

        fields["Input.AcceptWarnings"] = "true";
        var moved = await _w.Admin.SubmitAsync(warned, fields);
        Assert.Equal(_w.SettingsUrl, moved.Path);
        Assert.Contains("15:00", SelectionSetup.Row(moved, schedule)!.TextContent);
    }
}
