using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>
/// 合否 of the applicants booked in a 選考会. 通過 invites them to a 選考会 of the next 選考ステップ and sends
/// 「次の選考のご案内」 with a new マイページ link; 不合格 sends its mail now or not at all; 保留 sends nothing.
/// Setting the same 合否 again changes nothing (no second mail).
/// </summary>
public sealed class ResultsModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, BookingMails mails)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public SelectionMeeting Meeting { get; private set; } = null!;
    public string? StepName { get; private set; }
    public IReadOnlyList<SelectionMeeting> NextMeetings { get; private set; } = [];
    public IReadOnlyList<Row> Rows { get; private set; } = [];

    public sealed record Row(Guid ApplicantId, string Name, int Evaluations, SelectionResult? Result);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct) => await LoadAsync(id, ct) ? Page() : NotFound();

    public async Task<IActionResult> OnPostSetAsync(Guid id, Guid applicantId, SelectionOutcome? outcome, Guid? nextMeetingId, bool sendMail, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var row = Rows.FirstOrDefault(r => r.ApplicantId == applicantId);
        if (row is null) return NotFound();
        if (outcome is null || !Enum.IsDefined(outcome.Value))
            ModelState.AddModelError("", L["Results.OutcomeNeeded"]);
        SelectionMeeting? next = null;
        if (outcome == SelectionOutcome.Pass && NextMeetings.Count > 0)
        {
            // One 選考会 in the next step is the default; among several the recruiter chooses.
            next = nextMeetingId is null && NextMeetings.Count == 1 ? NextMeetings[0] : NextMeetings.FirstOrDefault(m => m.Id == nextMeetingId);
            if (next is null) ModelState.AddModelError("", L["Results.NextNeeded"]);
        }
        if (!ModelState.IsValid) return Page();
        if (row.Result?.Outcome == outcome)
        {
            TempData["Flash"] = L["Results.Unchanged", row.Name].Value;
            return Redirect($"/SelectionMeetings/{id}/Results");
        }

        var applicant = await Db.Applicants.FirstAsync(a => a.Id == applicantId && a.CompanyId == Meeting.CompanyId, ct);
        var result = await Db.SelectionResults.FirstOrDefaultAsync(r => r.SelectionMeetingId == id && r.ApplicantId == applicantId, ct);
        if (result is null)
        {
            result = new SelectionResult { CompanyId = Meeting.CompanyId, SelectionMeetingId = id, ApplicantId = applicantId };
            Db.SelectionResults.Add(result);
        }
        result.Outcome = outcome!.Value;
        result.NextSelectionMeetingId = next?.Id;
        result.SetAtUtc = NowUtc;
        result.SetBy = User.FindFirst(SaiyoClaims.DisplayName)?.Value;
        result.Mailed = false;
        if (next is not null)
        {
            if (!await Db.ApplicantInvitations.AnyAsync(i => i.ApplicantId == applicantId && i.SelectionMeetingId == next.Id, ct))
                Db.ApplicantInvitations.Add(new ApplicantInvitation { CompanyId = Meeting.CompanyId, ApplicantId = applicantId, SelectionMeetingId = next.Id, CreatedAtUtc = NowUtc });
            // Only the hash is stored, so the link in the mail is a new one (it revokes the old, as 「マイページのリンクを送信」 does).
            var (token, hash) = MyPageTokens.Create();
            applicant.MyPageTokenHash = hash;
            applicant.MyPageIssuedAtUtc = NowUtc;
            await mails.NextStepAsync(applicant, next.Name, token, ct);
            result.Mailed = true;
        }
        else if (outcome == SelectionOutcome.Reject && sendMail)
        {
            await mails.RejectedAsync(applicant, Meeting.Name, ct);
            result.Mailed = true;
        }
        try
        {
            await Db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            // Two recruiters set the first 合否 at once (the unique row): the other one stands, and only its mail goes.
            TempData["Error"] = L["Results.ChangedMeanwhile"].Value;
            return Redirect($"/SelectionMeetings/{id}/Results");
        }
        TempData["Flash"] = L[result.Mailed ? "Results.SavedMailed" : "Results.Saved", row.Name, L["Outcome." + outcome]].Value;
        return Redirect($"/SelectionMeetings/{id}/Results");
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return false;
        Meeting = meeting;
        var companyId = meeting.CompanyId;
        var steps = await Db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Order).ToListAsync(ct);
        var at = steps.FindIndex(s => s.Id == meeting.StepId);
        StepName = at < 0 ? null : steps[at].Name;
        if (at >= 0)
        {
            // The next step that has a 選考会 (a step without any, e.g. 内定, ends the invitations).
            foreach (var step in steps.Skip(at + 1))
            {
                NextMeetings = await Db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId && m.StepId == step.Id)
                    .OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
                break;
            }
        }
        var booked = await (
            from b in Db.Bookings.AsNoTracking()
            join s in Db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in Db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join a in Db.Applicants.AsNoTracking() on b.ApplicantId equals a.Id
            where e.SelectionMeetingId == id && b.CompanyId == companyId && b.State == BookingState.Active && !s.Deleted
            select new { a.Id, a.Name, a.Kana }).Distinct().ToListAsync(ct);
        var results = await Db.SelectionResults.AsNoTracking().Where(r => r.SelectionMeetingId == id && r.CompanyId == companyId).ToListAsync(ct);
        var withResult = results.Select(r => r.ApplicantId).Except(booked.Select(b => b.Id)).ToList();
        var others = await Db.Applicants.AsNoTracking().Where(a => withResult.Contains(a.Id) && a.CompanyId == companyId)
            .Select(a => new { a.Id, a.Name, a.Kana }).ToListAsync(ct);
        var counts = await Db.Evaluations.AsNoTracking().Where(e => e.SelectionMeetingId == id && e.CompanyId == companyId)
            .GroupBy(e => e.ApplicantId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        Rows = booked.Concat(others).DistinctBy(a => a.Id).OrderBy(a => a.Kana ?? a.Name).ThenBy(a => a.Name)
            .Select(a => new Row(a.Id, a.Name, counts.GetValueOrDefault(a.Id), results.FirstOrDefault(r => r.ApplicantId == a.Id)))
            .ToList();
        return true;
    }
}
