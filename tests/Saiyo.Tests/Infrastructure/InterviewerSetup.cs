namespace Saiyo.Tests.Infrastructure;

/// <summary>Intent methods for 面接官: added as staff by an admin and assigned per イベント or 日程, over HTTP.</summary>
public static class InterviewerSetup
{
    public const string Password = "Interviewer-Pass1";

    /// <summary>The admin adds a staff member with <paramref name="role"/> (and 言語, e-mail, when given); returns their id and e-mail.</summary>
    public static async Task<(Guid Id, string Email)> AddStaffAsync(this SaiyoClient admin, string name, string role = "Interviewer", string? language = null,
        string? email = null)
    {
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@staff.test";
        var fields = new Dictionary<string, string>
        {
            ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Password"] = Password, ["Input.Role"] = role,
        };
        if (language is not null) fields["Input.Language"] = language;
        var list = await admin.SubmitAsync("/Settings/Staff/Create", fields);
        Assert.True(list.Path == "/Settings/Staff", $"{list.Path}: {string.Join(" | ", list.Errors)}");
        var href = list.Document.QuerySelectorAll("tr").First(r => r.TextContent.Contains(email, StringComparison.Ordinal)).QuerySelector("a")!.GetAttribute("href")!;
        return (Guid.Parse(href.Split('/').Last()), email);
    }

    /// <summary>Sets the 面接官 of an イベント (<paramref name="kind"/> "Events") or of one 日程 ("Schedules").</summary>
    public static async Task AssignInterviewersAsync(this SaiyoClient staff, string kind, Guid id, params Guid[] interviewers)
    {
        var form = await staff.GetAsync($"/SelectionMeetings/{kind}/{id}/Interviewers");
        Assert.Equal(System.Net.HttpStatusCode.OK, form.Status);
        var token = form.Document.QuerySelector("main form input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var fields = new List<KeyValuePair<string, string>> { new("__RequestVerificationToken", token) };
        fields.AddRange(interviewers.Select(i => new KeyValuePair<string, string>("interviewers", i.ToString())));
        var saved = await staff.PostRawAsync($"/SelectionMeetings/{kind}/{id}/Interviewers", fields);
        Assert.True(saved.Path.EndsWith("/Schedules", StringComparison.Ordinal), $"{saved.Path}: {string.Join(" | ", saved.Errors)}");
    }

    /// <summary>代行予約: staff book an invited applicant on a 日程 from its 予約 page.</summary>
    public static async Task ProxyBookAsync(this SaiyoClient staff, Guid scheduleId, Guid applicantId)
    {
        var page = await staff.SubmitAsync($"/SelectionMeetings/Schedules/{scheduleId}/Bookings", new Dictionary<string, string> { ["applicantId"] = applicantId.ToString() }, "form.proxy");
        Assert.Contains(page.Document.QuerySelectorAll("tr[data-booking-id]"), r => r.GetAttribute("data-state") == "Active");
    }
}
