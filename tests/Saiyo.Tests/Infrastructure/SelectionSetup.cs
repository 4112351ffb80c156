using System.Globalization;
using System.Text.Json.Nodes;
using AngleSharp.Dom;

namespace Saiyo.Tests.Infrastructure;

/// <summary>Intent methods for 選考会, イベント and 日程, done over HTTP as a recruiter clicks them.</summary>
public static class SelectionSetup
{
    public static async Task<Guid> CreateSelectionMeetingAsync(this SaiyoClient client, string name)
    {
        var page = await client.SubmitAsync("/SelectionMeetings/Create", new Dictionary<string, string> { ["Input.Name"] = name });
        Assert.Matches(@"^/SelectionMeetings/[0-9a-f-]{36}/Schedules$", page.Path);
        return Guid.Parse(page.Path.Split('/')[2]);
    }

    /// <summary>Creates a 選考会 in the 選考ステップ named <paramref name="step"/> (as listed under 設定 → 選考フロー).</summary>
    public static async Task<Guid> CreateSelectionMeetingAsync(this SaiyoClient client, string name, string step)
    {
        var stepId = await client.StepIdAsync(step);
        var page = await client.SubmitAsync("/SelectionMeetings/Create", new Dictionary<string, string> { ["Input.Name"] = name, ["Input.StepId"] = stepId.ToString() });
        Assert.Matches(@"^/SelectionMeetings/[0-9a-f-]{36}/Schedules$", page.Path);
        return Guid.Parse(page.Path.Split('/')[2]);
    }

    /// <summary>Puts a 選考会 into the 選考ステップ named <paramref name="step"/> (its form, as a recruiter saves it).</summary>
    public static async Task SetStepAsync(this SaiyoClient client, Guid meetingId, string meetingName, string step) =>
        Assert.Equal("/SelectionMeetings", (await client.SubmitAsync($"/SelectionMeetings/{meetingId}", new Dictionary<string, string>
        {
            ["Input.Name"] = meetingName, ["Input.StepId"] = (await client.StepIdAsync(step)).ToString(),
        }, "main form:not([action*='handler'])")).Path);

    /// <summary>The id of the 選考ステップ named <paramref name="name"/> at 設定 → 選考フロー.</summary>
    public static async Task<Guid> StepIdAsync(this SaiyoClient client, string name) =>
        Guid.Parse((await client.GetAsync("/Settings/SelectionFlow")).Document.QuerySelectorAll("tr[data-step-id]")
            .First(r => r.QuerySelector("input[name=Name]")!.GetAttribute("value") == name).GetAttribute("data-step-id")!);

    /// <summary>Adds an イベント; with <paramref name="zoomHostEmail"/> its 予約動作設定 is Web面接連携 Zoom on that host.</summary>
    public static async Task<Guid> AddEventAsync(this SaiyoClient client, Guid meetingId, string name, string? zoomHostEmail = null)
    {
        var form = await client.GetAsync($"/SelectionMeetings/{meetingId}/Events/Create");
        var fields = new Dictionary<string, string> { ["Input.Name"] = name };
        if (zoomHostEmail is not null)
        {
            fields["Input.Provider"] = "Zoom";
            fields["Input.HostExternalUserId"] = HostOption(form, zoomHostEmail);
        }
        var page = await client.SubmitAsync(form, fields);
        Assert.True(page.Path == $"/SelectionMeetings/{meetingId}/Schedules", $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return Guid.Parse(page.Document.QuerySelectorAll("section[data-event-id]")
            .First(s => s.QuerySelector("h2")!.TextContent.Trim() == name).GetAttribute("data-event-id")!);
    }

    /// <summary>Adds an イベント on Zoom with a ホストプール of <paramref name="hostEmails"/> (ticked in 予約動作設定's list).</summary>
    public static async Task<Guid> AddPoolEventAsync(this SaiyoClient client, Guid meetingId, string name, params string[] hostEmails)
    {
        var form = await client.GetAsync($"/SelectionMeetings/{meetingId}/Events/Create");
        TickPool(form, hostEmails);
        var page = await client.SubmitAsync(form, new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Provider"] = "Zoom", ["Input.HostMode"] = "Pool" });
        Assert.True(page.Path == $"/SelectionMeetings/{meetingId}/Schedules", $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return Guid.Parse(page.Document.QuerySelectorAll("section[data-event-id]")
            .First(s => s.QuerySelector("h2")!.TextContent.Trim() == name).GetAttribute("data-event-id")!);
    }

    /// <summary>Adds an イベント on Zoom whose 日程 are hosted by their 面接官's Zoom users (「面接官のZoomユーザ」).</summary>
    public static async Task<Guid> AddInterviewerHostedEventAsync(this SaiyoClient client, Guid meetingId, string name)
    {
        var page = await client.SubmitAsync($"/SelectionMeetings/{meetingId}/Events/Create",
            new Dictionary<string, string> { ["Input.Name"] = name, ["Input.Provider"] = "Zoom", ["Input.HostMode"] = "Interviewer" });
        Assert.True(page.Path == $"/SelectionMeetings/{meetingId}/Schedules", $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return Guid.Parse(page.Document.QuerySelectorAll("section[data-event-id]")
            .First(s => s.QuerySelector("h2")!.TextContent.Trim() == name).GetAttribute("data-event-id")!);
    }

    /// <summary>Ticks exactly <paramref name="emails"/> in the ホストプール list of an イベント form (as a recruiter clicks them).</summary>
    public static void TickPool(HtmlPage form, IEnumerable<string> emails)
    {
        var wanted = emails.Select(e => $"({e})").ToList();
        foreach (var box in form.Document.QuerySelectorAll("input[name='Input.PoolHosts']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>())
            box.IsChecked = wanted.Any(w => box.ParentElement!.TextContent.Contains(w, StringComparison.Ordinal));
        Assert.Equal(wanted.Count, form.Document.QuerySelectorAll("input[name='Input.PoolHosts']").OfType<AngleSharp.Html.Dom.IHtmlInputElement>().Count(b => b.IsChecked));
    }

    /// <summary>The value of 「Zoomユーザ選択」's option for <paramref name="email"/>.</summary>
    public static string HostOption(HtmlPage page, string email) =>
        page.Document.QuerySelectorAll("select[name='Input.HostExternalUserId'] option")
            .First(o => o.TextContent.Contains(email, StringComparison.Ordinal)).GetAttribute("value")!;

    /// <summary>新規日程作成; returns the page after saving (日程設定, or the form with messages/warnings).</summary>
    public static Task<HtmlPage> CreateScheduleAsync(this SaiyoClient client, Guid eventId, DateOnly date, string start, string end,
        bool shown = true, int capacity = 1, bool acceptWarnings = false) =>
        client.SubmitAsync($"/SelectionMeetings/Events/{eventId}/Schedules/Create", new Dictionary<string, string>
        {
            ["Input.Date"] = date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), ["Input.StartTime"] = start, ["Input.EndTime"] = end,
            ["Input.Capacity"] = capacity.ToString(CultureInfo.InvariantCulture), ["Input.Shown"] = shown ? "true" : "false",
            ["Input.AcceptWarnings"] = acceptWarnings ? "true" : "false",
        });

    /// <summary>Creates a 日程 and returns its id (found on 日程設定 by its date and times).</summary>
    public static async Task<Guid> CreateShownScheduleAsync(this SaiyoClient client, Guid eventId, DateOnly date, string start, string end, bool shown = true)
    {
        var page = await client.CreateScheduleAsync(eventId, date, start, end, shown, acceptWarnings: true);
        Assert.True(page.Path.EndsWith("/Schedules", StringComparison.Ordinal), $"{page.Path}: {string.Join(" | ", page.Errors)}");
        return ScheduleId(page, date, start, end);
    }

    public static Guid ScheduleId(HtmlPage page, DateOnly date, string start, string end)
    {
        var d = date.ToString("yyyy/MM/dd", CultureInfo.InvariantCulture);
        var row = page.Document.QuerySelectorAll("tr[data-schedule-id]")
            .First(r => r.QuerySelector("td")!.TextContent.Contains(d, StringComparison.Ordinal) && r.QuerySelector("td")!.TextContent.Contains($"{start}–{end}", StringComparison.Ordinal));
        return Guid.Parse(row.GetAttribute("data-schedule-id")!);
    }

    public static IElement? Row(HtmlPage page, Guid scheduleId) => page.Document.QuerySelector($"tr[data-schedule-id='{scheduleId}']");

    public static string? MeetingState(HtmlPage page, Guid scheduleId) => Row(page, scheduleId)?.QuerySelector("td.meeting")?.GetAttribute("data-meeting-state");

    /// <summary>The sandbox's live (not deleted) meetings that belong to a schedule (its reconciliation tag in the agenda).</summary>
    public static List<JsonObject> MeetingsOf(JsonObject sandboxState, Guid scheduleId, bool includeDeleted = false) =>
        sandboxState["meetings"]!.AsArray().Select(m => m!.AsObject())
            .Where(m => (m["agenda"]?.GetValue<string>() ?? "").StartsWith($"[ref:saiyo-{scheduleId:N}]", StringComparison.Ordinal))
            .Where(m => includeDeleted || !m["deleted"]!.GetValue<bool>())
            .ToList();

    public static List<JsonObject> LiveMeetings(JsonObject sandboxState) =>
        sandboxState["meetings"]!.AsArray().Select(m => m!.AsObject()).Where(m => !m["deleted"]!.GetValue<bool>()).ToList();

    /// <summary>A date in the company zone (Asia/Tokyo) <paramref name="days"/> days after the clock's today.</summary>
    public static DateOnly TokyoDate(TimeProvider clock, int days)
    {
        var tokyo = TimeZoneInfo.ConvertTime(clock.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("Asia/Tokyo"));
        return DateOnly.FromDateTime(tokyo.DateTime).AddDays(days);
    }

    /// <summary>The UTC start_time Zoom shows for a Tokyo clock time.</summary>
    public static string ZoomUtc(DateOnly date, string tokyoTime)
    {
        var local = date.ToDateTime(TimeOnly.ParseExact(tokyoTime, "HH:mm", CultureInfo.InvariantCulture));
        return local.AddHours(-9).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
    }
}
