using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Pages.SelectionMeetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>
/// 応募者一覧 with 選考ステータス: where each applicant stands (the step of the 選考会 they were last invited to, their next
/// booked 日程, attendance of the last one, evaluations and 合否 there), filters on each as a GET query (a filter is a URL),
/// the staff member's saved searches, and bulk actions on the selected or all filtered: invite, send the マイページ link,
/// 合否 (through the same preview as the 合否 list). One query with projections, paged.
/// </summary>
public sealed class IndexModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, IStringLocalizer<SharedResource> l, BookingMails mails, SelectionResults results)
    : PageModel
{
    public const int PageSize = 100;
    /// <summary>「絞り込んだ全員」 acts on at most this many at once (the preview lists each).</summary>
    public const int BulkLimit = 1000;

    /// <summary>A row with its 選考ステータス (an object initializer, so that filters on its members are translated to SQL).</summary>
    public sealed class Row
    {
        public Guid Id { get; init; }
        public required string Name { get; init; }
        public string? Kana { get; init; }
        public required string Email { get; init; }
        public string? Organization { get; init; }
        /// <summary>The 選考会 they were last invited to.</summary>
        public Guid? MeetingId { get; init; }
        public DateTime? NextBookingUtc { get; init; }
        public Attendance? LastAttendance { get; init; }
        public int Evaluations { get; init; }
        /// <summary>They had a 日程 of that 選考会 already (so an evaluation is due).</summary>
        public bool Evaluable { get; init; }
        public SelectionOutcome? Outcome { get; init; }
    }

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    /// <summary>A 選考ステップ id, or "none" (not invited anywhere / a 選考会 without step).</summary>
    [BindProperty(SupportsGet = true)] public string? Step { get; set; }
    /// <summary>"upcoming" or "none".</summary>
    [BindProperty(SupportsGet = true)] public string? Booking { get; set; }
    [BindProperty(SupportsGet = true)] public Attendance? Attendance { get; set; }
    /// <summary>"done" (評価済み) or "none" (未評価: interviewed, no evaluation yet).</summary>
    [BindProperty(SupportsGet = true)] public string? Evaluation { get; set; }
    /// <summary>A <see cref="SelectionOutcome"/> or "none".</summary>
    [BindProperty(SupportsGet = true)] public string? Result { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, false);
    public IReadOnlyList<SelectionStep> Steps { get; private set; } = [];
    public IReadOnlyList<SelectionMeeting> Meetings { get; private set; } = [];
    public IReadOnlyList<SavedApplicantSearch> Searches { get; private set; } = [];
    public TimeZoneInfo Zone { get; private set; } = TimeZoneInfo.Utc;
    public ResultPreview? Preview { get; private set; }

    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Step is not null || Booking is not null || Attendance is not null || Evaluation is not null || Result is not null;

    /// <summary>The filter as a query string (what a saved search stores), without the page.</summary>
    public string FilterQuery => QueryString.Create(new Dictionary<string, string?>
    {
        ["q"] = string.IsNullOrWhiteSpace(Q) ? null : Q.Trim(), ["step"] = Step, ["booking"] = Booking, ["attendance"] = Attendance?.ToString(),
        ["evaluation"] = Evaluation, ["result"] = Result,
    }.Where(p => p.Value is not null)).ToUriComponent();

    public string MeetingName(Guid? id) => Meetings.FirstOrDefault(m => m.Id == id)?.Name ?? "";

    public string? StepName(Guid? meetingId) =>
        Meetings.FirstOrDefault(m => m.Id == meetingId)?.StepId is { } step ? Steps.FirstOrDefault(s => s.Id == step)?.Name : null;

    public override void OnPageHandlerExecuting(Microsoft.AspNetCore.Mvc.Filters.PageHandlerExecutingContext context)
    {
        if (context.HandlerMethod is null) context.Result = NotFound();
    }

    public async Task OnGetAsync([FromQuery(Name = Paging.Parameter)] int? page, CancellationToken ct)
    {
        await LoadAsync(ct);
        await ReadPageAsync(page, ct);
    }

    /// <summary>
    /// The page's ids first (the status subqueries only where a filter needs them), then their 選考ステータス: two
    /// statements whatever the page, so a deep page does not compute the status of every row it skips.
    /// </summary>
    private async Task ReadPageAsync(int? page, CancellationToken ct)
    {
        (var ids, Paging) = await Paging.ReadAsync(Query().Select(r => r.Id), page, PageSize, ct);
        var rows = await WithStatus(db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id))).ToDictionaryAsync(r => r.Id, ct);
        Rows = ids.Select(id => rows[id]).ToList();
    }

    /// <summary>
    /// CSVエクスポート: the 応募者 the search and filters find (all without them), each with the 選考会 offered and the 予約 held, times
    /// in the company's zone. The header names are those CSV取り込み reads, so the file can be edited and imported again.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? encoding, CancellationToken ct)
    {
        if (CsvExport.EncodingFor(encoding) is not { } textEncoding) return BadRequest();
        var companyId = current.Id;
        var zone = await clock.ZoneAsync(ct);
        await LoadAsync(ct);
        // The list's filters as well as its search: what the recruiter sees is what the file holds.
        var ids = await Query().Select(r => r.Id).ToListAsync(ct);
        var applicants = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id)).OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Kana, a.Email, a.Phone, a.Organization, a.Language, a.CreatedAtUtc }).ToListAsync(ct);
        var invited = (await (
                from i in db.ApplicantInvitations.AsNoTracking()
                join m in db.SelectionMeetings.AsNoTracking() on i.SelectionMeetingId equals m.Id
                where i.CompanyId == companyId
                orderby m.CreatedAtUtc
                select new { i.ApplicantId, m.Name }).ToListAsync(ct))
            .ToLookup(x => x.ApplicantId, x => x.Name);
        var booked = (await (
                from b in db.Bookings.AsNoTracking()
                join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
                join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
                join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
                where b.CompanyId == companyId && b.State == BookingState.Active
                orderby s.StartUtc
                select new { b.ApplicantId, Meeting = m.Name, Event = e.Name, s.StartUtc, s.EndUtc }).ToListAsync(ct))
            .ToLookup(x => x.ApplicantId, x => $"{x.Meeting} / {x.Event} {CsvExport.Time(x.StartUtc, zone)}-{CsvExport.Time(x.EndUtc, zone)[^5..]}");
        string[] header =
        [
            l["Export.Name"], l["Export.Kana"], l["Export.Email"], l["Export.Phone"], l["Export.Organization"], l["Export.Language"],
            l["Export.RegisteredAt"], l["Export.Invitations"], l["Export.Bookings"],
        ];
        var rows = applicants.Select(a => new string?[]
        {
            a.Name, a.Kana, a.Email, a.Phone, a.Organization, a.Language, CsvExport.Time(a.CreatedAtUtc, zone),
            string.Join("; ", invited[a.Id]), string.Join("; ", booked[a.Id]),
        });
        return CsvExport.File($"applicants-{CsvExport.FileStamp(clock.NowUtc, zone)}.csv", textEncoding, header, rows);
    }

    /// <summary>Saves the current filter under a name for this staff member (the same name replaces it).</summary>
    public async Task<IActionResult> OnPostSaveSearchAsync(string? name, CancellationToken ct)
    {
        name = name?.Trim();
        if (string.IsNullOrEmpty(name) || name.Length > 100)
        {
            TempData["Error"] = l["Applicants.SearchNameNeeded"].Value;
            return Redirect("/Applicants" + FilterQuery);
        }
        var userId = current.UserId;
        var existing = await db.SavedApplicantSearches.FirstOrDefaultAsync(s => s.StaffUserId == userId && s.CompanyId == current.Id && s.Name == name, ct);
        if (existing is null)
            db.SavedApplicantSearches.Add(new SavedApplicantSearch { CompanyId = current.Id, StaffUserId = userId, Name = name, Query = FilterQuery, CreatedAtUtc = clock.NowUtc });
        else
            existing.Query = FilterQuery;
        await db.SaveChangesAsync(ct);
        TempData["Flash"] = l["Applicants.SearchSaved", name].Value;
        return Redirect("/Applicants" + FilterQuery);
    }

    public async Task<IActionResult> OnPostDeleteSearchAsync(Guid searchId, CancellationToken ct)
    {
        var userId = current.UserId;
        var companyId = current.Id;
        var deleted = await db.SavedApplicantSearches.Where(s => s.Id == searchId && s.StaffUserId == userId && s.CompanyId == companyId).ExecuteDeleteAsync(ct);
        return deleted == 0 ? NotFound() : Redirect("/Applicants");
    }

    /// <summary>A bulk action on the ticked applicants, or on all that match the filter (<paramref name="all"/>).</summary>
    public async Task<IActionResult> OnPostBulkAsync(string? bulkAction, Guid? meetingId, bool all, ResultInput input, CancellationToken ct)
    {
        await LoadAsync(ct);
        var companyId = current.Id;
        var ids = all
            ? await Query().Select(r => r.Id).Take(BulkLimit).ToListAsync(ct)
            : await db.Applicants.Where(a => input.ApplicantIds.Contains(a.Id) && a.CompanyId == companyId && a.DeletedAtUtc == null).Select(a => a.Id).ToListAsync(ct);
        var meeting = Meetings.FirstOrDefault(m => m.Id == meetingId);
        if (ids.Count == 0) ModelState.AddModelError("", l["Results.NoneSelected"]);
        if (bulkAction is "invite" or "result" && meeting is null) ModelState.AddModelError("", l["Applicants.BulkMeetingNeeded"]);
        if (bulkAction is not ("invite" or "link" or "result")) ModelState.AddModelError("", l["Applicants.BulkActionNeeded"]);
        if (!ModelState.IsValid) return await PageAsync(ct);

        var now = clock.NowUtc;
        var actor = User.FindFirst(SaiyoClaims.DisplayName)?.Value;
        switch (bulkAction)
        {
            case "invite":
                var invited = await db.ApplicantInvitations.Where(i => i.SelectionMeetingId == meeting!.Id && ids.Contains(i.ApplicantId)).Select(i => i.ApplicantId).ToListAsync(ct);
                var added = ids.Except(invited).ToList();
                foreach (var id in added)
                {
                    db.ApplicantInvitations.Add(new ApplicantInvitation { CompanyId = companyId, ApplicantId = id, SelectionMeetingId = meeting!.Id, CreatedAtUtc = now });
                    ApplicantTimeline.Note(db, companyId, id, now, ApplicantTimeline.InvitedBy, meeting.Id.ToString(), actor);
                }
                await db.SaveChangesAsync(ct);
                TempData["Flash"] = l["Applicants.BulkInvited", added.Count, meeting!.Name].Value;
                break;
            case "link":
                // A new token each (it revokes the old link), mailed with the change, as 「マイページのリンクを送信」 does.
                foreach (var applicant in await db.Applicants.Where(a => ids.Contains(a.Id) && a.CompanyId == companyId).ToListAsync(ct))
                {
                    var (token, hash) = MyPageTokens.Create();
                    applicant.MyPageTokenHash = hash;
                    applicant.MyPageIssuedAtUtc = now;
                    await mails.MyPageLinkAsync(applicant, token, ct);
                }
                await db.SaveChangesAsync(ct);
                TempData["Flash"] = l["Applicants.BulkLinksSent", ids.Count].Value;
                break;
            default:
                var (_, next) = await results.NextMeetingsAsync(meeting!, ct);
                input.ApplicantIds = ids;
                var requests = input.Requests(ModelState, l, Zone, now, next);
                if (requests is null) return await PageAsync(ct);
                var eligible = await results.Eligible(meeting!).ToListAsync(ct);
                var steps = await results.PlanAsync(meeting!, requests.Where(r => eligible.Contains(r.ApplicantId)).ToList(), next, ct);
                Preview = new ResultPreview(meeting!.Id, input, steps, ids.Count - steps.Count, Zone);
                ViewData["ReturnUrl"] = "/Applicants" + FilterQuery;
                return await PageAsync(ct);
        }
        return Redirect("/Applicants" + FilterQuery);
    }

    private async Task<IActionResult> PageAsync(CancellationToken ct)
    {
        await ReadPageAsync(1, ct);
        return Page();
    }

    private async Task LoadAsync(CancellationToken ct)
    {
        var companyId = current.Id;
        var userId = current.UserId;
        Zone = await clock.ZoneAsync(ct);
        Steps = await db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == companyId).OrderBy(s => s.Order).ToListAsync(ct);
        Meetings = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == companyId).OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
        Searches = await db.SavedApplicantSearches.AsNoTracking().Where(s => s.StaffUserId == userId && s.CompanyId == companyId).OrderBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>
    /// The filtered list with each applicant's 選考ステータス as correlated subqueries (one SQL statement; the database
    /// computes them for the page's rows only unless a filter needs them, each an index lookup).
    /// </summary>
    private IQueryable<Row> Query()
    {
        var companyId = current.Id;
        var applicants = db.Applicants.AsNoTracking().Where(a => a.CompanyId == companyId && a.DeletedAtUtc == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var lower = q.ToLowerInvariant();
            applicants = applicants.Where(a => a.Name.Contains(q) || (a.Kana != null && a.Kana.Contains(q)) || a.Email.ToLower().Contains(lower)
                                               || (a.Phone != null && a.Phone.Contains(q)) || (a.Organization != null && a.Organization.Contains(q)));
        }
        var rows = WithStatus(applicants.OrderByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Name).ThenBy(a => a.Id));
        if (Step == "none")
        {
            var stepless = Meetings.Where(m => m.StepId == null).Select(m => (Guid?)m.Id).ToList();
            rows = rows.Where(r => r.MeetingId == null || stepless.Contains(r.MeetingId));
        }
        else if (Guid.TryParse(Step, out var stepId))
        {
            var inStep = Meetings.Where(m => m.StepId == stepId).Select(m => (Guid?)m.Id).ToList();
            rows = rows.Where(r => inStep.Contains(r.MeetingId));
        }
        if (Booking == "upcoming") rows = rows.Where(r => r.NextBookingUtc != null);
        else if (Booking == "none") rows = rows.Where(r => r.NextBookingUtc == null);
        if (Attendance is { } attendance) rows = rows.Where(r => r.LastAttendance == attendance);
        if (Evaluation == "done") rows = rows.Where(r => r.Evaluations > 0);
        else if (Evaluation == "none") rows = rows.Where(r => r.Evaluable && r.Evaluations == 0);
        if (Result == "none") rows = rows.Where(r => r.Outcome == null);
        else if (Enum.TryParse<SelectionOutcome>(Result, out var outcome) && Enum.IsDefined(outcome)) rows = rows.Where(r => r.Outcome == outcome);
        return rows;
    }

    /// <summary>Each applicant's 選考ステータス as correlated subqueries (each an index lookup), in one statement.</summary>
    private IQueryable<Row> WithStatus(IQueryable<Applicant> applicants)
    {
        var now = clock.NowUtc;
        return applicants
            .Select(a => new
            {
                a,
                // The 選考会 they were last invited to (通過 invites to the next one): where they stand.
                MeetingId = db.ApplicantInvitations.Where(i => i.ApplicantId == a.Id).OrderByDescending(i => i.CreatedAtUtc).Select(i => (Guid?)i.SelectionMeetingId).FirstOrDefault(),
            })
            .Select(x => new Row
            {
                Id = x.a.Id, Name = x.a.Name, Kana = x.a.Kana, Email = x.a.Email, Organization = x.a.Organization, MeetingId = x.MeetingId,
                NextBookingUtc = (from b in db.Bookings join s in db.Schedules on b.ScheduleId equals s.Id
                                  where b.ApplicantId == x.a.Id && b.State == BookingState.Active && !s.Deleted && s.StartUtc >= now
                                  select (DateTime?)s.StartUtc).Min(),
                LastAttendance = (from b in db.Bookings join s in db.Schedules on b.ScheduleId equals s.Id
                                  where b.ApplicantId == x.a.Id && b.State == BookingState.Active && s.StartUtc < now
                                  orderby s.StartUtc descending
                                  select (Attendance?)b.Attendance).FirstOrDefault(),
                Evaluations = db.Evaluations.Count(e => e.ApplicantId == x.a.Id && e.SelectionMeetingId == x.MeetingId),
                Evaluable = (from b in db.Bookings join s in db.Schedules on b.ScheduleId equals s.Id join e in db.InterviewEvents on s.EventId equals e.Id
                             where b.ApplicantId == x.a.Id && b.State == BookingState.Active && s.StartUtc < now && e.SelectionMeetingId == x.MeetingId
                             select b.Id).Any(),
                Outcome = db.SelectionResults.Where(r => r.ApplicantId == x.a.Id && r.SelectionMeetingId == x.MeetingId).Select(r => (SelectionOutcome?)r.Outcome).FirstOrDefault(),
            });
    }
}
