using System.Net;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// 個人情報の自動削除 on two nodes sharing one database: off by default, refused with a message when out of range, and once
/// set, applicants whose last 日程 is that many months past (shifted clock) are deleted exactly once each — one audit entry
/// per applicant, no mail for a past booking — while the 日程 keeps its booked count.
/// </summary>
public sealed class ApplicantAutoDeletionNodesTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;

    public async ValueTask InitializeAsync() =>
        _w = await MeetingWorld.StartAsync(nodes: 2, settings: s => s["Applicants:AutoDeletion:PollInterval"] = "00:00:00.200");

    public async ValueTask DisposeAsync() => await _w.DisposeAsync();

    [Fact]
    public async Task Applicants_are_deleted_once_n_months_after_their_last_schedule_on_two_nodes()
    {
        const string booked = "自動 削除子", bookedEmail = "auto.booked@example.test", unbooked = "自動 未予約", unbookedEmail = "auto.unbooked@example.test";
        Assert.Equal("", (await _w.Admin.GetAsync("/Settings")).Document.QuerySelector("input[name='Input.AutoDeleteMonths']")!.GetAttribute("value") ?? "");
        var refused = await _w.Admin.SubmitAsync("/Settings", new Dictionary<string, string> { ["Input.AutoDeleteMonths"] = "0" });
        Assert.Contains("月数は1から120の整数で入力してください。何も変更していません。", refused.Text);
        Assert.Equal("", (await _w.Admin.GetAsync("/Settings")).Document.QuerySelector("input[name='Input.AutoDeleteMonths']")!.GetAttribute("value") ?? "");
        Assert.Equal("/Settings", (await _w.Admin.SubmitAsync("/Settings", new Dictionary<string, string> { ["Input.AutoDeleteMonths"] = "1" })).Path);
        Assert.Equal("1", (await _w.Admin.GetAsync("/Settings")).Document.QuerySelector("input[name='Input.AutoDeleteMonths']")!.GetAttribute("value"));

        var schedule = await _w.Admin.CreateShownScheduleAsync(_w.EventId, _w.Day(2), "10:00", "10:30");
        var applicant = await _w.Admin.CreateApplicantAsync(booked, bookedEmail);
        await _w.Admin.InviteAsync(applicant, _w.MeetingId);
        var myPage = await _w.Admin.SendMyPageLinkAsync(applicant);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _w.World.Browser(node: 1).BookAsync(myPage, schedule)));
        await BookingLinkTests.MailAsync(_w.World, bookedEmail, "ご予約を承りました");
        await _w.Admin.CreateApplicantAsync(unbooked, unbookedEmail);
        // Within the month nothing is due: both are still listed after the workers had the chance to look.
        Assert.Contains(booked, (await _w.Admin.GetAsync("/Applicants")).Text);

        _w.World.Clock.Advance(TimeSpan.FromDays(40)); // the 日程 (in 2 days) is now more than a month past
        var admin = _w.World.Browser(node: 1);
        Assert.Equal("/", (await admin.SignInAsync(Demo.AdminEmail)).Path);
        await ZoomWorld.EventuallyAsync(async () =>
        {
            var list = (await admin.GetAsync("/Applicants")).Text;
            return !list.Contains(booked, StringComparison.Ordinal) && !list.Contains(unbooked, StringComparison.Ordinal);
        }, "both applicants deleted automatically", 60);

        // Each applicant once: one audit entry each, whichever node did it.
        var audit = await admin.GetAsync("/Integrations/Audit");
        var rows = audit.Document.QuerySelectorAll("tr[data-action='applicant.auto_deleted']").Select(r => r.TextContent).ToList();
        Assert.True(rows.Count >= 2, audit.Text);
        var ids = rows.Select(r => System.Text.RegularExpressions.Regex.Match(r, "[0-9a-f-]{36}").Value).ToList();
        Assert.Equal(ids.Count, ids.Distinct().Count());
        Assert.Contains(applicant.ToString(), ids);
        Assert.DoesNotContain(booked, audit.Text, StringComparison.Ordinal);

        // The past booking stays counted, anonymous; nobody was mailed about it.
        var bookings = await admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        Assert.Equal("1", bookings.Document.QuerySelector(".booked-count")!.GetAttribute("data-booked"));
        Assert.Contains("（削除済みの応募者）", bookings.Text);
        Assert.DoesNotContain(booked, bookings.Text, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/Applicants/{applicant}")).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await _w.World.Browser().GetAsync(myPage)).Status);
        await ZoomWorld.EventuallyAsync(async () => !(await admin.GetAsync("/Settings/Mails")).Text.Contains("送信待ち", StringComparison.Ordinal), "the outbox sent");
        Assert.DoesNotContain(ApplicantSetup.MailsTo(_w.World.Smtp, bookedEmail), m => (m.Subject ?? "").Contains("キャンセル", StringComparison.Ordinal));
        Assert.DoesNotContain(bookedEmail, (await admin.GetAsync("/Settings/Mails")).Html, StringComparison.OrdinalIgnoreCase);
    }
}
