using System.Globalization;
using System.Net;
using System.Text;
using CsvHelper;
using Saiyo.Tests.Foundation;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// CSVエクスポート of 応募者 (with 選考会 offered and 予約) and of a 日程's 予約: UTF-8 with BOM or Shift_JIS, formula cells
/// neutralised, company-scoped, 管理者 and 採用担当 only. Files are decoded and parsed as a spreadsheet would read them.
/// </summary>
public sealed class CsvExportTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    static CsvExportTests() => Encoding.RegisterProvider(CodePagesEncodingProvider.Instance);

    [Fact]
    public async Task Applicants_export_in_both_encodings_with_offers_bookings_and_formulas_neutralised()
    {
        var recruiter = fx.App.CreateSaiyoClient();
        await recruiter.SignInAsync(Demo.RecruiterEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (meeting, schedule, date) = await BookedScheduleAsync(recruiter, tag);
        var email = $"yamada-{tag}@example.test";
        var applicant = await recruiter.CreateApplicantAsync("=HYPERLINK(\"http://evil.test\")", email, kana: "やまだ たろう", organization: "@SUM(A1)");
        var plain = await recruiter.CreateApplicantAsync($"山田 太郎 {tag}", $"plain-{tag}@example.test", organization: "-2+3 株式会社");
        await recruiter.InviteAsync(applicant, meeting);
        await recruiter.ProxyBookAsync(schedule, applicant);

        var utf8 = await DownloadAsync(recruiter, "/Applicants?handler=Export&encoding=utf-8", "utf-8");
        Assert.Equal(new byte[] { 0xEF, 0xBB, 0xBF }, utf8.Bytes[..3]);
        var sjis = await DownloadAsync(recruiter, "/Applicants?handler=Export&encoding=shift_jis", "shift_jis");
        Assert.NotEqual(0xEF, sjis.Bytes[0]);
        foreach (var file in new[] { utf8, sjis })
        {
            Assert.Equal(new[] { "氏名", "ふりがな", "メール", "電話", "学校名・勤務先", "言語", "登録日時", "案内中の選考会", "予約" }, file.Rows[0]);
            var row = Assert.Single(file.Rows, r => r[2] == email);
            Assert.Equal("'=HYPERLINK(\"http://evil.test\")", row[0]);
            Assert.Equal("やまだ たろう", row[1]);
            Assert.Equal("'@SUM(A1)", row[4]);
            Assert.Equal($"'-一次面接 {tag}", row[7]);
            Assert.Equal($"'-一次面接 {tag} / 個別面接 {tag} {date:yyyy/MM/dd} 10:00-10:30", row[8]);
            var other = Assert.Single(file.Rows, r => r[2] == $"plain-{tag}@example.test");
            Assert.Equal($"山田 太郎 {tag}", other[0]);
            Assert.Equal("'-2+3 株式会社", other[4]);
            Assert.Equal("", other[8]);
        }

        // The search narrows the file as it narrows the list.
        var found = await DownloadAsync(recruiter, $"/Applicants?handler=Export&encoding=utf-8&q=plain-{tag}", "utf-8");
        Assert.Equal(2, found.Rows.Count);
        Assert.NotNull((await recruiter.GetAsync("/Applicants")).Document.QuerySelector("main form.csv-export select[name=encoding] option[value=shift_jis]"));
        _ = plain;
    }

    [Fact]
    public async Task A_schedules_bookings_export_in_English_and_Shift_JIS()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (meeting, schedule, date) = await BookedScheduleAsync(admin, tag);
        var applicant = await admin.CreateApplicantAsync($"佐藤 花子 {tag}", $"sato-{tag}@example.test", kana: "さとう はなこ", organization: "+81 大学");
        await admin.InviteAsync(applicant, meeting);
        await admin.ProxyBookAsync(schedule, applicant);

        var english = fx.App.CreateSaiyoClient("en");
        await english.SignInAsync(Demo.AdminEmail);
        var page = await english.GetAsync($"/SelectionMeetings/Schedules/{schedule}/Bookings");
        var form = page.Document.QuerySelector("main form.csv-export")!;
        Assert.Equal($"/SelectionMeetings/Schedules/{schedule}/Bookings", form.GetAttribute("action"));
        Assert.Contains("Export bookings as CSV", form.TextContent);
        var file = await DownloadAsync(english, $"/SelectionMeetings/Schedules/{schedule}/Bookings?handler=Export&encoding=shift_jis", "shift_jis");
        Assert.Equal("name", file.Rows[0][0]);
        Assert.Equal(2, file.Rows.Count);
        var row = file.Rows[1];
        Assert.Equal(new[] { $"佐藤 花子 {tag}", "さとう はなこ", $"sato-{tag}@example.test", "", "'+81 大学", $"'-一次面接 {tag}", $"個別面接 {tag}",
            $"{date:yyyy/MM/dd} 10:00", $"{date:yyyy/MM/dd} 10:30", "Booked", "By staff" }, row[..11]);
    }

    [Fact]
    public async Task Interviewers_other_companies_and_bad_encodings_get_no_file()
    {
        var admin = fx.App.CreateSaiyoClient();
        await admin.SignInAsync(Demo.AdminEmail);
        var tag = Guid.NewGuid().ToString("N")[..8];
        var (meeting, schedule, _) = await BookedScheduleAsync(admin, tag);
        var applicant = await admin.CreateApplicantAsync($"非公開 {tag}", $"secret-{tag}@example.test");
        await admin.InviteAsync(applicant, meeting);
        await admin.ProxyBookAsync(schedule, applicant);
        var scheduleExport = $"/SelectionMeetings/Schedules/{schedule}/Bookings?handler=Export&encoding=utf-8";

        var (_, interviewerEmail) = await admin.AddStaffAsync($"面接 {tag}");
        var interviewer = fx.App.CreateSaiyoClient();
        await interviewer.SignInAsync(interviewerEmail, InterviewerSetup.Password);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.Http.GetAsync("/Applicants?handler=Export&encoding=utf-8")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await interviewer.Http.GetAsync(scheduleExport)).StatusCode);

        var other = await fx.App.CreateCompanyWithAdminAsync($"別会社 {tag}");
        Assert.Equal(HttpStatusCode.NotFound, (await other.Http.GetAsync(scheduleExport)).StatusCode);
        var theirs = await DownloadAsync(other, "/Applicants?handler=Export&encoding=utf-8", "utf-8");
        Assert.DoesNotContain(theirs.Rows, r => r.Contains($"secret-{tag}@example.test"));

        var bad = await admin.GetAsync("/Applicants?handler=Export&encoding=latin1");
        Assert.Equal(HttpStatusCode.BadRequest, bad.Status);
    }

    private static async Task<(Guid Meeting, Guid Schedule, DateOnly Date)> BookedScheduleAsync(SaiyoClient staff, string tag)
    {
        var meeting = await staff.CreateSelectionMeetingAsync($"-一次面接 {tag}");
        var ev = await staff.AddEventAsync(meeting, $"個別面接 {tag}");
        var date = SelectionSetup.TokyoDate(TimeProvider.System, 5);
        return (meeting, await staff.CreateShownScheduleAsync(ev, date, "10:00", "10:30"), date);
    }

    private sealed record CsvFile(byte[] Bytes, List<string[]> Rows);

    private static async Task<CsvFile> DownloadAsync(SaiyoClient client, string url, string charset)
    {
        using var response = await client.Http.GetAsync(url);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.True(response.StatusCode == HttpStatusCode.OK, $"GET {url}: {(int)response.StatusCode}");
        Assert.Equal("text/csv", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(charset, response.Content.Headers.ContentType?.CharSet);
        Assert.Equal("attachment", response.Content.Headers.ContentDisposition?.DispositionType);
        // Strict decoding: a byte that is not valid in the declared encoding fails the test.
        var encoding = charset == "shift_jis"
            ? Encoding.GetEncoding("shift_jis", EncoderFallback.ExceptionFallback, DecoderFallback.ExceptionFallback)
            : new UTF8Encoding(true, throwOnInvalidBytes: true);
        using var reader = new StreamReader(new MemoryStream(bytes), encoding, detectEncodingFromByteOrderMarks: false);
        var text = await reader.ReadToEndAsync();
        using var csv = new CsvParser(new StringReader(text.TrimStart('\uFEFF')), CultureInfo.InvariantCulture);
        var rows = new List<string[]>();
        while (await csv.ReadAsync()) rows.Add(csv.Record!);
        return new CsvFile(bytes, rows);
    }
}
