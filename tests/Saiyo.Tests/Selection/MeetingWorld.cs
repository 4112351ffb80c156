using System.Globalization;
using System.Text.Json.Nodes;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Selection;

/// <summary>
/// A <see cref="ZoomWorld"/> with Zoom linked and the meeting worker polling fast, plus a recruiter's 選考会 and a Zoom
/// イベント on host1: the arrangement every meeting test starts from.
/// </summary>
public sealed class MeetingWorld : IAsyncDisposable
{
    public const string Host1 = "host1@sandbox.zoom.test";
    public const string Host2 = "host2@sandbox.zoom.test";

    public ZoomWorld World { get; private set; } = null!;
    public SaiyoClient Admin { get; private set; } = null!;
    public Guid MeetingId { get; private set; }
    public Guid EventId { get; private set; }
    public string MeetingName { get; } = "一次面接";
    public string EventName { get; } = "Web個別面接";

    public static async Task<MeetingWorld> StartAsync(int dailyHostLimit = 100, int nodes = 1, Action<Dictionary<string, string?>>? settings = null, string plan = "Pro")
    {
        var w = new MeetingWorld();
        w.World = await ZoomWorld.StartAsync(nodes, plan, settings: s =>
        {
            s["Meetings:PollInterval"] = "00:00:00.200";
            s["Meetings:BaseBackoff"] = "00:00:00.200";
            s["Meetings:MaxBackoff"] = "00:00:01";
            s["Meetings:MaxAttempts"] = "4";
            s["Meetings:DailyHostLimit"] = dailyHostLimit.ToString(CultureInfo.InvariantCulture);
            s["Applicants:Reminders:PollInterval"] = "00:00:00.200";
            settings?.Invoke(s);
        });
        w.Admin = w.World.Browser();
        Assert.Equal("/", (await w.Admin.SignInAsync(Demo.AdminEmail)).Path);
        Assert.Equal("/Integrations/Zoom", (await ZoomWorld.LinkZoomAsync(w.Admin)).Path);
        w.MeetingId = await w.Admin.CreateSelectionMeetingAsync(w.MeetingName);
        w.EventId = await w.Admin.AddEventAsync(w.MeetingId, w.EventName, Host1);
        return w;
    }

    public DateOnly Day(int days = 1) => SelectionSetup.TokyoDate(World.Clock, days);

    public string SettingsUrl => $"/SelectionMeetings/{MeetingId}/Schedules";

    public Task<HtmlPage> SettingsAsync() => Admin.GetAsync(SettingsUrl);

    public async Task<string> UserIdAsync(string email) =>
        (await World.SandboxStateAsync())["users"]!.AsArray().First(u => u!["email"]!.GetValue<string>() == email)!["id"]!.GetValue<string>();

    /// <summary>Zoom users added to the account at Zoom (licensed), then 「ユーザを再読み込み」 on Saiyo's Zoom page.</summary>
    public async Task AddZoomUsersAsync(params string[] emails)
    {
        foreach (var email in emails)
        {
            var added = await World.SandboxPostAsync("users", $$"""{"email":"{{email}}"}""");
            Assert.True(added.IsSuccessStatusCode, await added.Content.ReadAsStringAsync());
        }
        var reloaded = await Admin.SubmitAsync(await Admin.GetAsync("/Integrations/Zoom"), formSelector: "form[action*='handler=Reload']");
        foreach (var email in emails) Assert.Contains(email, reloaded.Text);
    }

    /// <summary>The sandbox's live meetings per host id.</summary>
    public static Dictionary<string, List<(DateTime Start, DateTime End, JsonObject Meeting)>> ByHost(JsonObject sandboxState) =>
        SelectionSetup.LiveMeetings(sandboxState)
            .Select(m => (Host: m["host_id"]!.GetValue<string>(),
                Start: DateTime.Parse(m["start_time"]!.GetValue<string>(), CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal),
                Minutes: m["duration"]!.GetValue<int>(), Meeting: m))
            .GroupBy(x => x.Host)
            .ToDictionary(g => g.Key, g => g.Select(x => (x.Start, x.Start.AddMinutes(x.Minutes), x.Meeting)).OrderBy(x => x.Item1).ToList());

    /// <summary>Asserts that no host has two meetings at any instant (at the sandbox).</summary>
    public static void AssertNoHostClash(JsonObject sandboxState)
    {
        foreach (var (host, meetings) in ByHost(sandboxState))
        {
            for (var i = 1; i < meetings.Count; i++)
                Assert.True(meetings[i].Start >= meetings[i - 1].End, $"host {host}: {meetings[i - 1].Start:O}–{meetings[i - 1].End:O} and {meetings[i].Start:O} overlap");
        }
    }

    /// <summary>Waits until the schedule's row shows <paramref name="state"/> and returns that page.</summary>
    public async Task<HtmlPage> RowStateAsync(Guid scheduleId, string state, int seconds = 120)
    {
        var until = DateTime.UtcNow.AddSeconds(seconds);
        HtmlPage page;
        do
        {
            page = await SettingsAsync();
            if (SelectionSetup.MeetingState(page, scheduleId) == state) return page;
            await Task.Delay(100);
        }
        while (DateTime.UtcNow < until);
        Assert.Fail($"schedule {scheduleId} does not show {state}: {page.Path} {SelectionSetup.MeetingState(page, scheduleId)} {SelectionSetup.Row(page, scheduleId)?.TextContent}");
        return page;
    }

    /// <summary>Waits until the sandbox holds exactly <paramref name="count"/> live meetings for the schedule.</summary>
    public async Task<List<JsonObject>> MeetingsEventuallyAsync(Guid scheduleId, int count, Func<JsonObject, bool>? also = null)
    {
        List<JsonObject> meetings = [];
        await ZoomWorld.EventuallyAsync(async () =>
        {
            meetings = SelectionSetup.MeetingsOf(await World.SandboxStateAsync(), scheduleId);
            return meetings.Count == count && (also is null || meetings.All(also));
        }, $"{count} live meeting(s) for {scheduleId} (now {meetings.Count})");
        return meetings;
    }

    /// <summary>An 応募者 offered this world's 選考会 with the マイページ link sent: their own browser and the link's path.</summary>
    public async Task<(SaiyoClient Applicant, string Link)> InvitedApplicantAsync(string name, string email, string language = "ja")
    {
        var id = await Admin.CreateApplicantAsync(name, email, language);
        await Admin.InviteAsync(id, MeetingId);
        return (World.Browser(), await Admin.SendMyPageLinkAsync(id));
    }

    /// <summary>An invited 応募者 books <paramref name="schedule"/> from their マイページ (in their own browser).</summary>
    public async Task BookAsync(Guid schedule, string name, string email)
    {
        var (applicant, link) = await InvitedApplicantAsync(name, email);
        Assert.Equal("booked", ApplicantSetup.Outcome(await applicant.BookAsync(link, schedule)));
    }

    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}
