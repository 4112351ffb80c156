using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Interviews;

/// <summary>
/// 評価: the 面接官 of an assigned 日程 rates an applicant booked on it with the 選考会's 評価フォーム and a 推奨, once the
/// interview has started; one evaluation per interviewer, applicant and 選考会, edited by submitting again.
/// </summary>
public sealed class EvaluateModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, IStringLocalizer<SharedResource> l)
    : InterviewPageModel(db, current, clock)
{
    public InterviewRow Interview { get; private set; } = null!;
    public string ApplicantName { get; private set; } = "";
    public IReadOnlyList<EvaluationItem> Items { get; private set; } = [];
    public Dictionary<Guid, string> Answers { get; private set; } = [];
    public Recommendation? Recommendation { get; private set; }
    public bool Submitted { get; private set; }
    public bool NotYet { get; private set; }
    /// <summary>The 合否 is set: evaluations are read-only from then on.</summary>
    public bool Decided { get; private set; }
    public Dictionary<Guid, string> Problems { get; } = [];

    private Guid _meetingId;

    public async Task<IActionResult> OnGetAsync(Guid id, Guid applicantId, CancellationToken ct)
    {
        if (!await LoadAsync(id, applicantId, ct)) return NotFound();
        var mine = await MineAsync(applicantId, ct);
        if (mine is not null)
        {
            Answers = EvaluationRules.Read(mine.Answers);
            Recommendation = mine.Recommendation;
            Submitted = true;
        }
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, Guid applicantId, Recommendation? recommendation, CancellationToken ct)
    {
        if (!await LoadAsync(id, applicantId, ct)) return NotFound();
        if (NotYet) return Page();
        if (Decided)
        {
            ModelState.AddModelError("", l["Evaluation.Decided"]);
            var own = await MineAsync(applicantId, ct);
            Answers = own is null ? [] : EvaluationRules.Read(own.Answers);
            Recommendation = own?.Recommendation;
            Submitted = own is not null;
            return Page();
        }
        Answers = Items.ToDictionary(i => i.Id, i => (Request.Form[$"answer-{i.Id}"].ToString() ?? "").Trim());
        Recommendation = recommendation;
        foreach (var item in Items)
            if (EvaluationRules.Check(item, Answers[item.Id]) is { } key) Problems[item.Id] = l[key, item.Label].Value;
        if (recommendation is null || !Enum.IsDefined(recommendation.Value)) ModelState.AddModelError("", l["Evaluation.RecommendationNeeded"]);
        if (Problems.Count > 0) ModelState.AddModelError("", l["Evaluation.Incomplete"]);
        if (!ModelState.IsValid) return Page();

        var now = Clock.NowUtc;
        var answers = EvaluationRules.Write(Answers.Where(a => a.Value.Length > 0).ToDictionary());
        var mine = await MineAsync(applicantId, ct, tracked: true);
        if (mine is null)
        {
            Db.Evaluations.Add(new Evaluation
            {
                CompanyId = Current.Id, SelectionMeetingId = _meetingId, ApplicantId = applicantId, InterviewerId = Current.UserId,
                Recommendation = recommendation!.Value, Answers = answers, SubmittedAtUtc = now, UpdatedAtUtc = now,
            });
        }
        else
        {
            mine.Recommendation = recommendation!.Value;
            mine.Answers = answers;
            mine.UpdatedAtUtc = now;
        }
        // The same interviewer submitted twice at once (the unique index): the other submit stands; show it.
        if (!await this.SaveOrShowTheOtherAsync(() => Db.SaveChangesAsync(ct), l["Evaluation.ChangedMeanwhile"].Value))
            return Redirect($"/Interviews/{id}/Evaluate/{applicantId}");
        TempData["Flash"] = l["Evaluation.Saved"].Value;
        return Redirect("/Interviews");
    }

    private Task<Evaluation?> MineAsync(Guid applicantId, CancellationToken ct, bool tracked = false)
    {
        var q = tracked ? Db.Evaluations : Db.Evaluations.AsNoTracking();
        var companyId = Current.Id;
        var me = Current.UserId;
        return q.FirstOrDefaultAsync(e => e.ApplicantId == applicantId && e.SelectionMeetingId == _meetingId && e.InterviewerId == me && e.CompanyId == companyId, ct);
    }

    private async Task<bool> LoadAsync(Guid id, Guid applicantId, CancellationToken ct)
    {
        var found = await InterviewsAsync(DateTime.MinValue, id, ct);
        if (found.Count == 0) return false;
        Interview = found[0];
        var booked = Interview.Applicants.FirstOrDefault(a => a.Id == applicantId);
        if (booked is null) return false;
        ApplicantName = booked.Name;
        _meetingId = Interview.MeetingId;
        Items = await Db.EvaluationItems.AsNoTracking().Where(i => i.SelectionMeetingId == _meetingId && i.CompanyId == Current.Id).OrderBy(i => i.Order).ToListAsync(ct);
        // After the interview: from its start (an interviewer may write while it runs).
        NotYet = Interview.StartUtc > Clock.NowUtc;
        Decided = await Db.SelectionResults.AnyAsync(r => r.SelectionMeetingId == _meetingId && r.ApplicantId == applicantId && r.CompanyId == Current.Id, ct);
        return true;
    }
}
