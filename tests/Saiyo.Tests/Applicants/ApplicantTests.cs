using System.Net;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>応募者 as a recruiter keeps them: register, search, edit, offer 選考会, and the マイページ link's life.</summary>
public sealed class ApplicantTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    [Fact]
    public async Task A_recruiter_registers_searches_and_edits_applicants()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var id = await staff.CreateApplicantAsync("山田 太郎", "taro.yamada@example.test", kana: "やまだ たろう", organization: "東京大学");
        await staff.CreateApplicantAsync("Alice Smith", "alice@example.test", language: "en", organization: "Example Corp");

        var found = await staff.GetAsync("/Applicants?q=" + Uri.EscapeDataString("やまだ"));
        var row = Assert.Single(found.Document.QuerySelectorAll("tr[data-applicant-id]"));
        Assert.Equal(id.ToString(), row.GetAttribute("data-applicant-id"));
        Assert.Contains("東京大学", row.TextContent);
        Assert.Single((await staff.GetAsync("/Applicants?q=EXAMPLE.test")).Document.QuerySelectorAll("tr[data-applicant-id]"), r => r.TextContent.Contains("Alice", StringComparison.Ordinal));

        var edited = await staff.SubmitAsync($"/Applicants/{id}", new Dictionary<string, string> { ["Input.Phone"] = "090-1234-5678", ["Input.Organization"] = "京都大学" });
        Assert.Equal($"/Applicants/{id}", edited.Path);
        Assert.Contains("京都大学", (await staff.GetAsync("/Applicants?q=090-1234")).Text);

        var refused = await staff.SubmitAsync("/Applicants/Create", new Dictionary<string, string> { ["Input.Name"] = "", ["Input.Email"] = "not-an-email" });
        Assert.Equal("/Applicants/Create", refused.Path);
        Assert.True(refused.Errors.Count() >= 2, string.Join(" | ", refused.Errors));
    }

    [Fact]
    public async Task A_reissued_or_revoked_link_and_a_tampered_one_answer_link_not_valid()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var id = await staff.CreateApplicantAsync("佐藤 花子", "hanako@example.test");
        var first = await staff.SendMyPageLinkAsync(id);
        var applicant = fx.App.CreateSaiyoClient();
        var page = await applicant.GetAsync(first);
        Assert.Equal(HttpStatusCode.OK, page.Status);
        Assert.Contains("佐藤 花子", page.Text);

        var second = await staff.SendMyPageLinkAsync(id);
        Assert.NotEqual(first, second);
        var old = await applicant.GetAsync(first);
        Assert.Equal(HttpStatusCode.NotFound, old.Status);
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(old));
        Assert.DoesNotContain("佐藤", old.Text);

        var tampered = await applicant.GetAsync(second[..^2] + (second.EndsWith("AA", StringComparison.Ordinal) ? "BB" : "AA"));
        Assert.Equal(HttpStatusCode.NotFound, tampered.Status);
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(tampered));
        Assert.Equal("invalid-link", ApplicantSetup.Outcome(await applicant.GetAsync("/my/short")));

        var revoked = await staff.SubmitAsync(await staff.GetAsync($"/Applicants/{id}"), formSelector: "form[action*='handler=RevokeLink']");
        Assert.Equal($"/Applicants/{id}", revoked.Path);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.GetAsync(second)).Status);
        Assert.Equal(HttpStatusCode.NotFound, (await applicant.PostRawAsync(second + "?handler=Book", [new("scheduleId", Guid.NewGuid().ToString())])).Status);
    }

    [Fact]
    public async Task Booking_and_cancelling_redirect_to_the_my_page_so_a_refresh_repeats_nothing()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("PRG 説明会");
        var ev = await staff.AddEventAsync(meeting, "会社説明会");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 6);
        var schedule = await staff.CreateShownScheduleAsync(ev, day, "16:00", "17:00");
        var id = await staff.CreateApplicantAsync("小林 誠", "makoto.prg@example.test");
        await staff.InviteAsync(id, meeting);
        var link = await staff.SendMyPageLinkAsync(id);

        // What the browser gets for the POST itself: 303 to the plain my page address, no page of its own.
        using var raw = fx.App.CreateDefaultClient();
        using var post = await raw.PostAsync(link + "?handler=Book", new FormUrlEncodedContent([new("scheduleId", schedule.ToString())]));
        Assert.Equal(HttpStatusCode.SeeOther, post.StatusCode);
        Assert.Equal(link, post.Headers.Location?.OriginalString);

        // The same in a browser: it lands on the my page with the message once; a refresh is a GET that books nothing.
        var applicant = fx.App.CreateSaiyoClient();
        var page = await applicant.GetAsync(link);
        Assert.Null(ApplicantSetup.Outcome(page));
        var booking = page.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id")!;
        var cancelled = await applicant.PostRawAsync(link + "?handler=Cancel", [new("bookingId", booking)]);
        Assert.Equal((HttpStatusCode.OK, link, "cancelled"), (cancelled.Status, cancelled.Path + cancelled.Url.Query, ApplicantSetup.Outcome(cancelled)));
        Assert.Contains("予約をキャンセルしました。", cancelled.Text);
        var refreshed = await applicant.GetAsync(link);
        Assert.Null(ApplicantSetup.Outcome(refreshed));
        Assert.Null(refreshed.Document.QuerySelector("[data-booking-id]"));

        var booked = await applicant.BookAsync(link, schedule);
        Assert.Equal((link, "booked"), (booked.Path + booked.Url.Query, ApplicantSetup.Outcome(booked)));
        Assert.Null(ApplicantSetup.Outcome(await applicant.GetAsync(link)));
        var bookings = await staff.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        Assert.Single(bookings.Document.QuerySelectorAll("tr[data-state='Active']"));

        // A refused attempt changed nothing: it answers at once (409) with the message; the language switch returning to
        // that address gets the my page, not "link not valid".
        var again = await applicant.BookAsync(link, schedule);
        Assert.Equal((HttpStatusCode.Conflict, "alreadybooked"), (again.Status, ApplicantSetup.Outcome(again)));
        var back = await applicant.GetAsync(link + "?handler=Book");
        Assert.Equal((HttpStatusCode.OK, null), (back.Status, ApplicantSetup.Outcome(back)));
        Assert.Single(back.Document.QuerySelectorAll("[data-booking-id]"));
    }

    [Fact]
    public async Task A_csv_in_shift_jis_or_utf8_imports_every_row_or_none_with_errors_per_row()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("CSV 一次面接");
        System.Text.Encoding.RegisterProvider(System.Text.CodePagesEncodingProvider.Instance);
        var sjis = System.Text.Encoding.GetEncoding("shift_jis");
        const string header = "氏名,ふりがな,メールアドレス,電話番号,学校名・勤務先,言語,メモ\r\n";

        var bad = sjis.GetBytes(header + "高橋 健,たかはし けん,ken.csv@example.test,,早稲田大学,ja,\r\n\"伊藤, 美咲\",いとう みさき,not-an-email,,慶應義塾大学,ja,\r\n,なし,nobody.csv@example.test,,,xx,\r\n");
        var refused = await staff.ImportCsvAsync(bad, "shift_jis", meeting);
        Assert.Equal("/Applicants/Import", refused.Path);
        Assert.Equal(["3", "4"], refused.Document.QuerySelectorAll("table.row-errors tr[data-line]").Select(r => r.GetAttribute("data-line")!).Distinct());
        Assert.Contains("メールアドレスの形式が正しくありません", refused.Text);
        Assert.Empty((await staff.GetAsync("/Applicants?q=ken.csv")).Document.QuerySelectorAll("tr[data-applicant-id]"));

        var good = sjis.GetBytes(header + "高橋 健,たかはし けん,ken.csv@example.test,,早稲田大学,ja,\r\n\"伊藤, 美咲\",いとう みさき,misaki.csv@example.test,,慶應義塾大学,en,\"複数行\r\nのメモ\"\r\n");
        var imported = await staff.ImportCsvAsync(good, "shift_jis", meeting);
        Assert.Equal("/Applicants", imported.Path);
        var list = await staff.GetAsync("/Applicants?q=.csv@example");
        Assert.Equal(2, list.Document.QuerySelectorAll("tr[data-applicant-id]").Length);
        Assert.Contains("伊藤, 美咲", list.Text);
        Assert.Contains("早稲田大学", list.Text);

        var utf8 = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(header + "渡辺 翔,わたなべ しょう,sho.csv@example.test,,大阪大学,ja,\r\n高橋 健,,ken.csv@example.test,,,ja,\r\n")).ToArray();
        var duplicate = await staff.ImportCsvAsync(utf8, "utf-8");
        // An e-mail already registered is named with its 応募者 and the file waits for the skip / update choice.
        Assert.Equal(["3"], duplicate.Document.QuerySelectorAll(".existing-rows tr[data-line]").Select(r => r.GetAttribute("data-line")!));
        Assert.Empty((await staff.GetAsync("/Applicants?q=sho.csv")).Document.QuerySelectorAll("tr[data-applicant-id]"));
        var utf8Good = System.Text.Encoding.UTF8.GetPreamble().Concat(System.Text.Encoding.UTF8.GetBytes(header + "渡辺 翔,わたなべ しょう,sho.csv@example.test,,大阪大学,ja,\r\n")).ToArray();
        Assert.Equal("/Applicants", (await staff.ImportCsvAsync(utf8Good, "utf-8")).Path);
        Assert.Contains("大阪大学", (await staff.GetAsync("/Applicants?q=sho.csv")).Text);
    }

    [Fact]
    public async Task Staff_book_on_behalf_mark_attendance_and_moving_or_deleting_a_schedule_tells_the_applicant()
    {
        var staff = fx.App.CreateSaiyoClient();
        await staff.SignInAsync(Demo.AdminEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("代行 一次面接");
        var ev = await staff.AddEventAsync(meeting, "対面面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 5);
        var schedule = await staff.CreateShownScheduleAsync(ev, day, "11:00", "11:30");
        var id = await staff.CreateApplicantAsync("中村 陽菜", "hina.proxy@example.test");
        await staff.InviteAsync(id, meeting);
        var link = await staff.SendMyPageLinkAsync(id);

        var proxy = await staff.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings", formSelector: "form.proxy");
        var row = Assert.Single(proxy.Document.QuerySelectorAll("tr[data-state='Active']"));
        Assert.Contains("中村 陽菜", row.TextContent);
        var marked = await staff.SubmitAsync(proxy, new Dictionary<string, string> { ["attendance"] = "Attended" }, "form.attendance");
        Assert.Equal("Attended", marked.Document.QuerySelector("form.attendance option[selected]")!.GetAttribute("value"));

        var applicant = fx.App.CreateSaiyoClient();
        Assert.Contains("11:00", (await applicant.GetAsync(link)).Document.QuerySelector("[data-booking-id]")!.TextContent);

        var moved = await staff.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}", new Dictionary<string, string>
        {
            ["Input.StartTime"] = "15:00", ["Input.EndTime"] = "15:30", ["Input.AcceptWarnings"] = "true",
        });
        Assert.EndsWith("/Schedules", moved.Path);
        Assert.Contains("15:00", (await applicant.GetAsync(link)).Document.QuerySelector("[data-booking-id]")!.TextContent);

        // 削除 first names the booked applicant and the cancellation mail, then deletes on confirmation.
        var edit = await staff.GetAsync($"/SelectionMeetings/Schedules/{schedule}");
        var impact = await staff.GetAsync(edit.Document.QuerySelector("a.delete")!.GetAttribute("href")!);
        Assert.Contains("中村 陽菜", impact.Document.QuerySelector("table.impact")!.TextContent);
        var deleted = await staff.SubmitAsync(impact, formSelector: "form.delete-impact");
        Assert.EndsWith("/Schedules", deleted.Path);
        Assert.Null((await applicant.GetAsync(link)).Document.QuerySelector("[data-booking-id]"));

        var mails = (await staff.GetAsync("/Settings/Mails")).Text;
        Assert.Contains("ご予約の日時が変更されました", mails);
        Assert.Contains("ご予約をキャンセルしました", mails);
    }
}
