using Microsoft.Playwright;

namespace Saiyo.Tests.Browser;

/// <summary>担当の面接 and the 評価 form, as an interviewer uses them (labels in the page's language).</summary>
public sealed class InterviewerPages(IPage page)
{
    public ILocator Heading => page.GetByRole(AriaRole.Heading, new() { Level = 1 });

    public ILocator Interview(Guid scheduleId) => page.Locator($"table.interviews tr[data-schedule-id='{scheduleId}']");

    public ILocator EvaluationState(Guid scheduleId, Guid applicantId) => Interview(scheduleId).Locator($"td.evaluation [data-applicant-id='{applicantId}']");

    /// <summary>Opens the 評価 of the applicant from 担当の面接, picks 推奨 and submits.</summary>
    public async Task EvaluateAsync(Guid scheduleId, Guid applicantId, string recommendation)
    {
        await EvaluationState(scheduleId, applicantId).Locator("a.evaluate").ClickAsync();
        var form = page.Locator("form.evaluation");
        await form.Locator("fieldset.recommendation").GetByLabel(recommendation, new() { Exact = true }).CheckAsync();
        await form.Locator("button[type=submit]").ClickAsync();
    }
}

/// <summary>The home page and 合否 of a 選考会, as a recruiter uses them.</summary>
public sealed class RecruiterPages(IPage page)
{
    public ILocator Stat(string name) => page.Locator($"[data-{name}]");

    /// <summary>From the home page's 合否待ち list to the 選考会's 合否 page.</summary>
    public async Task OpenResultsFromHomeAsync(Guid meetingId) =>
        await page.Locator($"table.awaiting-results a[href='/SelectionMeetings/{meetingId}/Results']").ClickAsync();

    public ILocator Result(Guid applicantId) => page.Locator($"table.results tr[data-applicant-id='{applicantId}']");

    /// <summary>Chooses 合否 <paramref name="outcome"/> (its label) in the applicant's row and saves it.</summary>
    public async Task SetResultAsync(Guid applicantId, string outcome)
    {
        var form = Result(applicantId).Locator("form.set-result");
        await form.Locator("select[name=Outcome]").SelectOptionAsync(new SelectOptionValue { Label = outcome });
        await form.Locator("button[type=submit]").ClickAsync();
    }
}
