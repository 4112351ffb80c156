using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Dashboard;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages;

/// <summary>
/// Home of 管理者 and 採用担当: today's interviews, missing 評価, applicants waiting for 合否, the 選考フロー's funnel for a
/// chosen period, and the meeting health cards. 面接官 go to 担当の面接; operators to their console.
/// </summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, TimeProvider time, HiringDashboard dashboard, IStringLocalizer<SharedResource> l) : PageModel
{
    /// <summary>Rows listed under each count; the count itself is always complete.</summary>
    public const int ListSize = 10;
    /// <summary>The funnel's default period: the last 30 days, today included.</summary>
    public const int DefaultDays = 30;

    public string CompanyName { get; private set; } = "";
    public int StaffCount { get; private set; }
    public bool LinkageEnabled { get; private set; }
    public int FailedMeetings { get; private set; }
    public int WaitingMeetings { get; private set; }
    public int PendingDeletions { get; private set; }
    /// <summary>The linkage is not 連携中 and coming Zoom 日程 wait on it (送信停止).</summary>
    public LinkageStatus? UnsentBecause { get; private set; }
    public int UnsentSchedules { get; private set; }
    public int UnsentApplicants { get; private set; }

    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public IReadOnlyList<HiringDashboard.TodayInterview> Today { get; private set; } = [];
    public int MissingEvaluationCount { get; private set; }
    public IReadOnlyList<HiringDashboard.MissingEvaluation> MissingEvaluations { get; private set; } = [];
    public int AwaitingResultCount { get; private set; }
    public IReadOnlyList<HiringDashboard.AwaitingResult> AwaitingResults { get; private set; } = [];
    public IReadOnlyList<HiringDashboard.FunnelStep> Funnel { get; private set; } = [];

    /// <summary>The funnel's period as typed (yyyy-MM-dd in the company's time zone, both days included).</summary>
    [BindProperty(SupportsGet = true, Name = "from")]
    public string? From { get; set; }
    [BindProperty(SupportsGet = true, Name = "to")]
    public string? To { get; set; }
    public DateOnly FromDate { get; private set; }
    public DateOnly ToDate { get; private set; }
    public string? PeriodError { get; private set; }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (current.IdOrNull is not { } companyId)
            return current.IsOperator ? RedirectToPage("/Operator/Companies/Index") : Forbid();
        if (current.IsInterviewerOnly) return Redirect("/Interviews");

        var company = await db.Companies.AsNoTracking().FirstAsync(c => c.Id == companyId, ct);
        CompanyName = company.Name;
        LinkageEnabled = company.WebInterviewLinkageEnabled;
        StaffCount = await db.Users.CountAsync(u => u.CompanyId == companyId, ct);
        FailedMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && s.Meeting.State == MeetingState.Failed, ct);
        WaitingMeetings = await db.Schedules.CountAsync(s => s.CompanyId == companyId && !s.Deleted && (s.Meeting.State == MeetingState.Waiting || s.Meeting.State == MeetingState.Blocked), ct);
        PendingDeletions = await db.Schedules.CountAsync(s => s.CompanyId == companyId && s.Deleted, ct);
        var now = time.GetUtcNow().UtcDateTime;
        var status = await UnsentMeetings.LinkageStatusAsync(db, companyId, ct);
        if (status != LinkageStatus.Linked)
        {
            UnsentSchedules = await UnsentMeetings.Schedules(db, companyId, now).CountAsync(ct);
            UnsentApplicants = await UnsentMeetings.Bookings(db, companyId, now).Select(b => b.ApplicantId).Distinct().CountAsync(ct);
            if (UnsentSchedules > 0) UnsentBecause = status;
        }

        // "Today" and the period are the company's days: from its local midnight to the next.
        Zone = TimeZones.FindOrTokyo(company.TimeZoneId);
        var today = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(now, Zone));
        Today = await dashboard.InterviewsAsync(companyId, StartOf(today), StartOf(today.AddDays(1)), ct);
        (MissingEvaluationCount, var missing) = await dashboard.MissingEvaluationsAsync(companyId, now, ListSize, ct);
        MissingEvaluations = missing;
        (AwaitingResultCount, var awaiting) = await dashboard.AwaitingResultsAsync(companyId, now, ListSize, ct);
        AwaitingResults = awaiting;

        (FromDate, ToDate) = (today.AddDays(1 - DefaultDays), today);
        if (!string.IsNullOrEmpty(From) || !string.IsNullOrEmpty(To))
        {
            if (TryDate(From, out var from) && TryDate(To, out var to) && from <= to) (FromDate, ToDate) = (from, to);
            else PeriodError = l["Dashboard.PeriodInvalid", DefaultDays].Value;
        }
        Funnel = await dashboard.FunnelAsync(companyId, StartOf(FromDate), StartOf(ToDate.AddDays(1)), ct);
        return Page();
    }

    public string Format(DateTime utc) => TimeZones.Format(utc, Zone);

    public string Range(DateTime startUtc, DateTime endUtc) => SelectionMeetings.Schedules.ScheduleRules.FormatRange(startUtc, endUtc, Zone);

    private DateTime StartOf(DateOnly day) => TimeZoneInfo.ConvertTimeToUtc(day.ToDateTime(TimeOnly.MinValue), Zone);

    private static bool TryDate(string? text, out DateOnly date) =>
        DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out date);
}
