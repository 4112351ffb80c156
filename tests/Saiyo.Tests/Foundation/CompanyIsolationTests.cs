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
    private static readonly string[] StartPages = ["/", "/Settings", "/Settings/Staff", "/SelectionMeetings", "/Applicants", "/Integrations", "/Integrations/Zoom", "/Integrations/Audit", "/Settings/Mails"];

    [Fact]
    public async Task Admin_of_company_B_gets_404_for_every_company_A_url()
    {
        var adminA = fx.App.CreateSaiyoClient();
        await adminA.SignInAsync(Demo.AdminEmail);
        // Company A's 選考会 → イベント → 日程, so that their pages are crawled too.
        var meetingOfA = await adminA.CreateSelectionMeetingAsync("A社 一次面接");
        var eventOfA = await adminA.AddEventAsync(meetingOfA, "A社 個別面接");
        var scheduleOfA = await adminA.CreateShownScheduleAsync(eventOfA, SelectionSetup.TokyoDate(TimeProvider.System, 2), "10:00", "10:30");
        // An 応募者 of A, offered the 選考会 and booked on it (代行予約), so that their pages are crawled too.
        var applicantOfA = await adminA.CreateApplicantAsync("A社 応募者", "applicant-a@example.test");
        await adminA.InviteAsync(applicantOfA, meetingOfA);
        var myPageOfA = await adminA.SendMyPageLinkAsync(applicantOfA);
        await adminA.SubmitAsync($"/SelectionMeetings/Schedules/{scheduleOfA}/Bookings", formSelector: "form.proxy");
        var urlsOfA = await CollectIdUrlsAsync(adminA);
        Assert.NotEmpty(urlsOfA); // at least the staff edit pages
        Assert.Contains(urlsOfA, u => u.StartsWith("/SelectionMeetings/Schedules/", StringComparison.Ordinal));
        Assert.Contains(urlsOfA, u => u.StartsWith("/SelectionMeetings/Events/", StringComparison.Ordinal));
        Assert.Contains($"/Applicants/{applicantOfA}", urlsOfA);
        Assert.Contains($"/SelectionMeetings/Schedules/{scheduleOfA}/Bookings", urlsOfA);

        var adminB = await fx.App.CreateCompanyWithAdminAsync("B商事");
        foreach (var url in urlsOfA)
        {
            var get = await adminB.GetAsync(url);
            Assert.True(get.Status == HttpStatusCode.NotFound, $"GET {url} as company B answered {(int)get.Status}");

            // Posting to A's forms (with B's own antiforgery token) changes nothing and is not found either.
            var token = (await adminB.GetAsync("/Settings")).Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
            foreach (var handler in new[] { "", "?handler=Toggle", "?handler=Delete", "?handler=Retry", "?handler=Start", "?handler=Preview",
                "?handler=Invitations", "?handler=SendLink", "?handler=RevokeLink", "?handler=Cancel", "?handler=Book", "?handler=Attendance" })
            {
                var post = await adminB.PostRawAsync(url + handler, [new("__RequestVerificationToken", token), new("Input.DisplayName", "乗っ取り"), new("Input.Role", "Admin")]);
                Assert.True(post.Status == HttpStatusCode.NotFound, $"POST {url}{handler} as company B answered {(int)post.Status}");
            }
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

    private static async Task<IReadOnlyList<string>> CollectIdUrlsAsync(SaiyoClient client)
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
        }
        return withIds.ToList();
    }

    [GeneratedRegex(@"/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}|\d+)(/|$|\?)", RegexOptions.IgnoreCase)]
    private static partial Regex IdInPath();
}
