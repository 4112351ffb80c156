using System.Net;
using System.Text.RegularExpressions;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Foundation;

/// <summary>
/// An admin of company B gets 404 for every URL of company A. The URLs are found the way a user
/// finds them: by following company A's own pages (plus the explicit list below, which each
/// feature extends), so that new pages are covered as soon as they are linked.
/// </summary>
public sealed partial class CompanyIsolationTests(SaiyoAppFixture fx) : IClassFixture<SaiyoAppFixture>
{
    /// <summary>Pages of company A that hold an id in their path; features add their starting points here.</summary>
    private static readonly string[] StartPages = ["/", "/Settings", "/Settings/Staff", "/SelectionMeetings", "/Applicants", "/Integrations", "/Integrations/Zoom", "/Integrations/Audit", "/Settings/Mails", "/Settings/MailTemplates", "/SelectionMeetings/PendingDeletions", "/SelectionMeetings/Unsent", "/Interviews"];

    /// <summary>The POST handlers tried on every URL found (none may answer anything but 404 to an outsider).</summary>
    internal static readonly string[] PostHandlers = ["", "?handler=Toggle", "?handler=Delete", "?handler=Retry", "?handler=Start", "?handler=Preview",
        "?handler=Invitations", "?handler=SendLink", "?handler=RevokeLink", "?handler=Cancel", "?handler=Book", "?handler=Attendance", "?handler=Set",
        "?handler=Confirm", "?handler=Withdraw", "?handler=Bulk", "?handler=SaveSearch", "?handler=DeleteSearch", "?handler=Culture"];

    /// <summary>Pages every company has under the same URL (no id): B must see and change only its own there.</summary>
    private static readonly string[] SharedPages = ["/Settings/MailTemplates/Booked/ja", "/Settings/MailTemplates/MyPage/en"];

    [Fact]
    public async Task Admin_of_company_B_gets_404_for_every_company_A_url()
    {
        var adminA = fx.App.CreateSaiyoClient();
        await adminA.SignInAsync(Demo.AdminEmail);
        // Company A's own mail templates, so that B can be shown not to see or change them.
        Assert.Equal("/Settings/MailTemplates", (await adminA.SubmitAsync(SharedPages[0], new Dictionary<string, string> { ["Input.Subject"] = "A社の件名 {{start}}", ["Input.Body"] = "A社の本文 {{name}}" })).Path);
        Assert.Equal("/Settings/MailTemplates", (await adminA.SubmitAsync(SharedPages[1], new Dictionary<string, string> { ["Input.Subject"] = "A's subject", ["Input.Body"] = "A's body {{mypage_url}}" })).Path);
        // Company A's 選考会 → イベント → 日程, so that their pages are crawled too.
        var meetingOfA = await adminA.CreateSelectionMeetingAsync("A社 一次面接");
        var eventOfA = await adminA.AddEventAsync(meetingOfA, "A社 個別面接");
        var scheduleOfA = await adminA.CreateShownScheduleAsync(eventOfA, SelectionSetup.TokyoDate(TimeProvider.System, 2), "10:00", "10:30");
        // An 応募者 of A, offered the 選考会 and booked on it (代行予約), so that their pages are crawled too.
        var applicantOfA = await adminA.CreateApplicantAsync("A社 応募者", "applicant-a@example.test");
        await adminA.InviteAsync(applicantOfA, meetingOfA);
        var myPageOfA = await adminA.SendMyPageLinkAsync(applicantOfA);
        await adminA.SubmitAsync($"/SelectionMeetings/Schedules/{scheduleOfA}/Bookings", formSelector: "form.proxy");
        // Admin A interviews on A's event, so that 担当の面接 and its pages are crawled too.
        var staffOfAPage = await adminA.GetAsync("/Settings/Staff");
        var adminAId = Guid.Parse(staffOfAPage.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(Demo.AdminEmail, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!.Split('/').Last());
        await adminA.AssignInterviewersAsync("Events", eventOfA, adminAId);
        var urlsOfA = await CollectIdUrlsAsync(adminA);
        Assert.NotEmpty(urlsOfA); // at least the staff edit pages
        Assert.Contains(urlsOfA, u => u.StartsWith("/SelectionMeetings/Schedules/", StringComparison.Ordinal));
        Assert.Contains(urlsOfA, u => u.StartsWith("/SelectionMeetings/Events/", StringComparison.Ordinal));
        Assert.Contains($"/Applicants/{applicantOfA}", urlsOfA);
        Assert.Contains($"/Applicants/{applicantOfA}/Delete", urlsOfA);
        Assert.Contains($"/SelectionMeetings/Schedules/{scheduleOfA}/Bookings", urlsOfA);
        Assert.Contains($"/SelectionMeetings/Schedules/{scheduleOfA}/Delete", urlsOfA);
        Assert.Contains($"/Interviews/{scheduleOfA}", urlsOfA);
        Assert.Contains($"/Interviews/Applicants/{applicantOfA}", urlsOfA);
        Assert.Contains($"/SelectionMeetings/Schedules/{scheduleOfA}/Interviewers", urlsOfA);
        Assert.Contains(urlsOfA, u => u.StartsWith($"/SelectionMeetings/Schedules/{scheduleOfA}/Bookings?handler=Cancel&bookingId=", StringComparison.Ordinal));
        Assert.Contains($"/SelectionMeetings/{meetingOfA}/Results", urlsOfA);
        // The applicant's 履歴 links each mail written to them (the マイページ link, the booking).
        Assert.Contains(urlsOfA, u => u.StartsWith($"/Applicants/{applicantOfA}/Mails/", StringComparison.Ordinal));
        Assert.Contains(urlsOfA, u => u.StartsWith($"/SelectionMeetings/{meetingOfA}/Results?schedule=", StringComparison.Ordinal));
        Assert.Superset(SharedPages.ToHashSet(), (await CollectSharedUrlsAsync(adminA)).ToHashSet());

        var adminB = await fx.App.CreateCompanyWithAdminAsync("B商事");
        foreach (var url in urlsOfA)
        {
            var get = await adminB.GetAsync(url);
            Assert.True(get.Status == HttpStatusCode.NotFound, $"GET {url} as company B answered {(int)get.Status}");

            // Posting to A's forms (with B's own antiforgery token) changes nothing and is not found either.
            if (url.Contains('?', StringComparison.Ordinal)) continue; // a GET step of a page posted to below
            var token = (await adminB.GetAsync("/Settings")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var handler in PostHandlers)
            {
                var post = await adminB.PostRawAsync(url + handler, [new("__RequestVerificationToken", token), new("Input.DisplayName", "乗っ取り"), new("Input.Role", "Admin")]);
                Assert.True(post.Status == HttpStatusCode.NotFound, $"POST {url}{handler} as company B answered {(int)post.Status}");
            }
        }

        // Same URL, B's own rows: B sees the built-in text, and its save and 既定に戻す leave A's template alone.
        foreach (var url in SharedPages)
        {
            var page = await adminB.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, page.Status);
            Assert.DoesNotContain("A社の", page.Html);
            Assert.DoesNotContain("A's", page.Html);
            var body = url.Contains("/MyPage/", StringComparison.Ordinal) ? "乗っ取り {{mypage_url}}" : "乗っ取り {{start}}";
            Assert.Equal("/Settings/MailTemplates", (await adminB.SubmitAsync(page, new Dictionary<string, string> { ["Input.Subject"] = "乗っ取り", ["Input.Body"] = body })).Path);
            await adminB.SubmitAsync(await adminB.GetAsync(url), formSelector: "form.reset");
            var ofA = await adminA.GetAsync(url);
            Assert.Contains(url.Contains("/MyPage/", StringComparison.Ordinal) ? "A's subject" : "A社の件名", ofA.Document.QuerySelector("input[name='Input.Subject']")!.GetAttribute("value"));
            Assert.DoesNotContain("乗っ取り", ofA.Html);
        }

        // Company A's data is untouched.
        var staffOfA = await adminA.GetAsync("/Settings/Staff");
        Assert.DoesNotContain("乗っ取り", staffOfA.Text);
        Assert.Contains(Demo.RecruiterEmail, staffOfA.Text);
        Assert.DoesNotContain(Demo.RecruiterEmail, (await adminB.GetAsync("/Settings/Staff")).Text);
        Assert.DoesNotContain("applicant-a@example.test", (await adminB.GetAsync("/Applicants?q=applicant")).Text);
        var myPage = await fx.App.CreateSaiyoClient().GetAsync(myPageOfA);
        Assert.Single(myPage.Document.QuerySelectorAll("[data-booking-id]"));
    }

    /// <summary>Every URL with an id that <paramref name="client"/> reaches by following links from the start pages.</summary>
    internal static async Task<IReadOnlyList<string>> CollectIdUrlsAsync(SaiyoClient client)
    {
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        var withIds = new SortedSet<string>(StringComparer.Ordinal);
        var queue = new Queue<(string Url, int Depth)>(StartPages.Select(p => (p, 0)));
        while (queue.Count > 0)
        {
            var (url, depth) = queue.Dequeue();
            if (!seen.Add(url)) continue;
            var page = await client.GetAsync(url);
            if (page.Status != HttpStatusCode.OK) continue;
            if (IdInPath().IsMatch(url)) withIds.Add(url);
            if (depth >= 3) continue;
            foreach (var a in page.Document.QuerySelectorAll("main a[href^='/']"))
            {
                var href = a.GetAttribute("href")!.Split('#')[0];
                if (href.StartsWith("/Account", StringComparison.Ordinal) || href.StartsWith("/Operator", StringComparison.Ordinal)) continue;
                queue.Enqueue((href, depth + 1));
            }
            // Steps reached by a GET form (e.g. the 代行キャンセル confirmation) are pages too.
            foreach (var form in page.Document.QuerySelectorAll("main form[method=get][action^='/']"))
            {
                var fields = form.QuerySelectorAll("input[type=hidden][name]")
                    .Select(i => $"{Uri.EscapeDataString(i.GetAttribute("name")!)}={Uri.EscapeDataString(i.GetAttribute("value") ?? "")}");
                queue.Enqueue(($"{form.GetAttribute("action")}?{string.Join('&', fields)}", depth + 1));
            }
        }
        return withIds.ToList();
    }

    /// <summary>The id-less edit pages company A's メールテンプレート list links to.</summary>
    private static async Task<IReadOnlyList<string>> CollectSharedUrlsAsync(SaiyoClient client) =>
        (await client.GetAsync("/Settings/MailTemplates")).Document.QuerySelectorAll("main a[href^='/Settings/MailTemplates/']").Select(a => a.GetAttribute("href")!).ToList();

    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)(/|$|\?)", RegexOptions.IgnoreCase)]
    private static partial Regex IdInPath();
}
