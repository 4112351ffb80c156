using System.Globalization;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.ModelBinding;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 合否 of the applicants booked in a 選考会 (or of one 日程, from its 予約 page). 通過 invites them to a 選考会 of the next
/// 選考ステップ and sends 「次の選考のご案内」 with a new マイページ link; 不合格 sends its mail now, at a chosen time or not at
/// all; 保留 sends nothing. Several at once go through a preview of who gets which mail, then one transaction.
/// Setting the same 合否 again changes nothing (no second mail).
/// </summary>
public sealed class ResultsModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, SelectionResults results)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public SelectionMeeting Meeting { get; private set; } = null!;
    public string? StepName { get; private set; }
    public IReadOnlyList<SelectionMeeting> NextMeetings { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Guid? ScheduleId { get; private set; }
    /// <summary>The bulk preview: what confirming will do.</summary>
    public ResultPreview? Preview { get; private set; }
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public DateTime Now => NowUtc;

    public sealed record Row(Guid ApplicantId, string Name, int Evaluations, SelectionResult? Result, MailState? MailState, DateTime? MailDueUtc);

    public string PageUrl => $"/SelectionMeetings/{Meeting.Id}/Results" + (ScheduleId is { } s ? $"?schedule={s}" : "");

    public async Task<IActionResult> OnGetAsync(Guid id, Guid? schedule, CancellationToken ct) => await LoadAsync(id, schedule, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSetAsync(Guid id, Guid applicantId, Guid? schedule, ResultInput input, CancellationToken ct)
    {
        if (!await LoadAsync(id, schedule, ct)) return NotFound();
        var row = Rows.FirstOrDefault(r => r.ApplicantId == applicantId);
        if (row is null) return NotFound();
        input.ApplicantIds = [applicantId];
        var requests = Validate(input);
        if (requests is null) return Page();
        var plan = await results.PlanAsync(Meeting, requests, NextMeetings, ct);
        var step = plan.Single();
        if (step.Unchanged)
        {
            TempData["Flash"] = L["Results.Unchanged", row.Name].Value;
            return Redirect(PageUrl);
        }
        if (!await ApplyAsync(plan, ct)) return Redirect(PageUrl);
        TempData["Flash"] = step.MailKind is null
            ? L["Results.Saved", row.Name, L["Outcome." + step.To]].Value
            : step.MailAtUtc is not null
                ? L["Results.SavedScheduled", row.Name, L["Outcome." + step.To], TimeZones.Format(step.MailAtUtc.Value, Zone)].Value
                : L["Results.SavedMailed", row.Name, L["Outcome." + step.To]].Value;
        return Redirect(PageUrl);
    }

    /// <summary>Bulk 合否, step one: who gets which mail. Nothing changes yet.</summary>
    public async Task<IActionResult> OnPostPreviewAsync(Guid id, Guid? schedule, ResultInput input, CancellationToken ct)
    {
        if (!await LoadAsync(id, schedule, ct)) return NotFound();
        await PreviewAsync(input, ct);
        return Page();
    }

    /// <summary>Bulk 合否, step two: does what the preview showed, in one transaction (or shows the preview again if it changed meanwhile).</summary>
    public async Task<IActionResult> OnPostConfirmAsync(Guid id, Guid? schedule, ResultInput input, string? fingerprint, string? returnUrl, CancellationToken ct)
    {
        if (!await LoadAsync(id, schedule, ct)) return NotFound();
        if (!await PreviewAsync(input, ct)) return Page();
        if (Preview!.Fingerprint != fingerprint)
        {
            ModelState.AddModelError("", L["Results.PlanChanged"]);
            return Page();
        }
        var back = returnUrl is not null && Url.IsLocalUrl(returnUrl) ? returnUrl : PageUrl;
        if (!await ApplyAsync(Preview.Steps, ct)) return Redirect(back);
        TempData["Flash"] = L["Results.BulkSaved", Preview.Steps.Count(s => !s.Unchanged)].Value;
        return Redirect(back);
    }

    /// <summary>Withdraws a 不合格 mail still waiting for its time (the 合否 stays).</summary>
    public async Task<IActionResult> OnPostWithdrawAsync(Guid id, Guid applicantId, Guid? schedule, CancellationToken ct)
    {
        if (!await LoadAsync(id, schedule, ct)) return NotFound();
        var row = Rows.FirstOrDefault(r => r.ApplicantId == applicantId);
        if (row?.Result?.MailId is not { } mailId) return NotFound();
        var now = NowUtc;
        await using var tx = await Db.Database.BeginTransactionAsync(ct);
        var withdrawn = await Db.OutgoingMails
            .Where(m => m.Id == mailId && m.CompanyId == Meeting.CompanyId && m.State == MailState.Pending && m.SentAtUtc == null
                        && m.NextAttemptAtUtc > now && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now))
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.State, MailState.Cancelled), ct);
        if (withdrawn == 0)
        {
            TempData["Error"] = L["Results.WithdrawLate", row.Name].Value;
            return Redirect(PageUrl);
        }
        await Db.SelectionResults.Where(r => r.Id == row.Result.Id).ExecuteUpdateAsync(x => x.SetProperty(r => r.MailId, (Guid?)null).SetProperty(r => r.Mailed, false), ct);
        ApplicantTimeline.Note(Db, Meeting.CompanyId, applicantId, now, "mail.withdrawn", Meeting.Name, Actor);
        await Db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        TempData["Flash"] = L["Results.Withdrawn", row.Name].Value;
        return Redirect(PageUrl);
    }

    private string? Actor => User.FindFirst(SaiyoClaims.DisplayName)?.Value;

    private async Task<bool> PreviewAsync(ResultInput input, CancellationToken ct)
    {
        var eligible = await results.Eligible(Meeting).ToListAsync(ct);
        var chosen = input.ApplicantIds.Distinct().ToList();
        if (chosen.Count == 0) ModelState.AddModelError("", L["Results.NoneSelected"]);
        var requests = Validate(input);
        if (requests is null) return false;
        var inMeeting = requests.Where(r => eligible.Contains(r.ApplicantId)).ToList();
        var steps = await results.PlanAsync(Meeting, inMeeting, NextMeetings, ct);
        Preview = new ResultPreview(Meeting.Id, input, steps, chosen.Count - steps.Count, Zone, ScheduleId);
        return true;
    }

    private async Task<bool> ApplyAsync(IReadOnlyList<ResultStep> steps, CancellationToken ct)
    {
        // Two recruiters set a first 合否 at once (the unique row): the other one stands, and only its mail goes.
        IReadOnlyList<string> late = [];
        if (!await this.SaveOrShowTheOtherAsync(async () => late = await results.ApplyAsync(Meeting, steps, Actor, ct), L["Results.ChangedMeanwhile"].Value))
            return false;
        if (late.Count > 0) TempData["Error"] = L["Results.WithdrawLate", string.Join("、", late)].Value;
        return true;
    }

    private IReadOnlyList<ResultRequest>? Validate(ResultInput input) => input.Requests(ModelState, L, Zone, NowUtc, NextMeetings);

    private async Task<bool> LoadAsync(Guid id, Guid? schedule, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return false;
        Meeting = meeting;
        Zone = await Clock.ZoneAsync(ct);
        var companyId = meeting.CompanyId;
        (StepName, NextMeetings) = await results.NextMeetingsAsync(meeting, ct);
        if (schedule is { } sid)
        {
            // From a 日程's 予約 page: its applicants only (a 日程 of another 選考会 or company is not found).
            var ok = await (from s in Db.Schedules join e in Db.InterviewEvents on s.EventId equals e.Id
                            where s.Id == sid && s.CompanyId == companyId && e.SelectionMeetingId == id && !s.Deleted select s.Id).AnyAsync(ct);
            if (!ok) return false;
            ScheduleId = sid;
        }
        var booked = await (
            from b in Db.Bookings.AsNoTracking()
            join s in Db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in Db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join a in Db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where e.SelectionMeetingId == id && b.CompanyId == companyId && b.State == BookingState.Active && !s.Deleted
                  && (schedule == null || s.Id == schedule)
            select new { a.Id, a.Name, a.Kana }).Distinct().ToListAsync(ct);
        var decided = await Db.SelectionResults.AsNoTracking().Where(r => r.SelectionMeetingId == id && r.CompanyId == companyId).ToListAsync(ct);
        var withResult = schedule is null ? decided.Select(r => r.ApplicantId).Except(booked.Select(b => b.Id)).ToList() : [];
        var others = await Db.Applicants.AsNoTracking().Where(a => withResult.Contains(a.Id) && a.CompanyId == companyId)
            .Select(a => new { a.Id, a.Name, a.Kana }).ToListAsync(ct);
        var counts = await Db.Evaluations.AsNoTracking().Where(e => e.SelectionMeetingId == id && e.CompanyId == companyId)
            .GroupBy(e => e.ApplicantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var mailIds = decided.Where(r => r.MailId != null).Select(r => r.MailId!.Value).ToList();
        var mails = await Db.OutgoingMails.AsNoTracking().Where(m => mailIds.Contains(m.Id)).Select(m => new { m.Id, m.State, m.NextAttemptAtUtc })
            .ToDictionaryAsync(m => m.Id, ct);
        Rows = booked.Concat(others).DistinctBy(a => a.Id).OrderBy(a => a.Kana ?? a.Name).ThenBy(a => a.Name)
            .Select(a =>
            {
                var r = decided.FirstOrDefault(x => x.ApplicantId == a.Id);
                var m = r?.MailId is { } mid ? mails.GetValueOrDefault(mid) : null;
                return new Row(a.Id, a.Name, counts.GetValueOrDefault(a.Id), r, m?.State, m?.NextAttemptAtUtc);
            })
            .ToList();
        return true;
    }
}

/// <summary>The 合否 form, for one applicant or several (field names without a prefix).</summary>
public sealed class ResultInput
{
    public List<Guid> ApplicantIds { get; set; } = [];
    public SelectionOutcome? Outcome { get; set; }
    public Guid? NextMeetingId { get; set; }
    public RejectMail RejectMail { get; set; }
    /// <summary>datetime-local in the company's time zone.</summary>
    public string? SendAt { get; set; }

    /// <summary>The form as requests, or null with messages in <paramref name="errors"/> (every problem at once).</summary>
    public IReadOnlyList<ResultRequest>? Requests(ModelStateDictionary errors, IStringLocalizer l, TimeZoneInfo zone, DateTime nowUtc, IReadOnlyList<SelectionMeeting> next)
    {
        if (Outcome is null || !Enum.IsDefined(Outcome.Value))
            errors.AddModelError("", l["Results.OutcomeNeeded"]);
        if (Outcome == SelectionOutcome.Pass && next.Count > 1 && next.All(m => m.Id != NextMeetingId))
            errors.AddModelError("", l["Results.NextNeeded"]);
        DateTime? at = null;
        if (Outcome == SelectionOutcome.Reject && RejectMail == RejectMail.At)
        {
            if (!DateTime.TryParseExact(SendAt, ["yyyy-MM-ddTHH:mm", "yyyy-MM-ddTHH:mm:ss"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var local))
                errors.AddModelError("", l["Results.SendAtNeeded"]);
            else if (zone.IsInvalidTime(local) || TimeZoneInfo.ConvertTimeToUtc(local, zone) is var utc && utc <= nowUtc)
                errors.AddModelError("", l["Results.SendAtPast"]);
            else
                at = utc;
        }
        if (!errors.IsValid) return null;
        var mail = Outcome == SelectionOutcome.Reject ? RejectMail : RejectMail.None;
        return ApplicantIds.Distinct().Select(a => new ResultRequest(a, Outcome!.Value, NextMeetingId, mail, at)).ToList();
    }
}

/// <summary>What a bulk 合否 will do, shown before confirming; <see cref="Fingerprint"/> tells whether it is still so at the confirm.</summary>
public sealed record ResultPreview(Guid MeetingId, ResultInput Input, IReadOnlyList<ResultStep> Steps, int Skipped, TimeZoneInfo Zone, Guid? ScheduleId = null)
{
    public string Fingerprint => Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(string.Join("|",
        Steps.Select(s => $"{s.ApplicantId}:{s.From}:{s.To}:{s.Unchanged}:{s.MailKind}:{s.MailAtUtc?.Ticks / TimeSpan.TicksPerMinute}:{s.WithdrawsMailDueUtc?.Ticks}")))))[..16];
}
