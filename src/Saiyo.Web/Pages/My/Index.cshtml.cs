using System.Globalization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.Mvc.ViewFeatures;
using Microsoft.Extensions.Options;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;
using Microsoft.Extensions.Localization;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.My;

/// <summary>
/// マイページ: reached by the unguessable link alone (no sign-in). Shows the applicant's 予約 with their join link, and the
/// bookable schedules of the 選考会 offered to them; books, cancels and changes within the deadlines. A tampered or
/// revoked link gets a plain "link not valid" page. Booking attempts are rate limited per link.
/// </summary>
[EnableRateLimiting(ApplicantsSetup.BookingPolicy)]
// The link itself is the credential (a forged form would need the secret token), so no antiforgery cookie is needed.
[IgnoreAntiforgeryToken(Order = 1001)]
public sealed class IndexModel(SaiyoDbContext db, BookingService bookings, ParallelSlots parallel, IDataProtectionProvider protection, TimeProvider time, IStringLocalizer<SharedResource> l,
    IOptions<CookieTempDataProviderOptions> tempData) : PageModel
{
    private readonly IDataProtector _passcodes = protection.CreateProtector(MeetingSyncWorker.PasscodePurpose);

    public sealed record BookingView(Guid Id, Guid EventId, string When, string What, string? Venue, string? JoinUrl, string? Passcode, bool Web, bool CanCancel)
    {
        /// <summary>The 日程 is over: its join URL and passcode are no longer offered.</summary>
        public bool Ended { get; init; }
    }
    public sealed record SlotView(Guid Id, Guid EventId, string When, string What, string? Venue, int Left)
    {
        /// <summary>The day it takes place, in the company's zone: 予約できる日程 are grouped by it.</summary>
        public DateOnly Day { get; init; }

        /// <summary>満席: shown without a 予約する button (capacity reached, or staff set it below the bookings).</summary>
        public bool Full => Left <= 0;

        /// <summary>The 日程 behind this row: just <see cref="Id"/>, or every parallel 日程 of a merged slot (<see cref="Id"/> the one with most seats left).</summary>
        public IReadOnlyList<Guid> Members { get; init; } = [Id];
    }

    public bool Invalid { get; private set; }
    public Applicant Applicant { get; private set; } = null!;
    public string CompanyName { get; private set; } = "";
    /// <summary>The company's zone as applicants say it (「日本時間」); every time on the page is in it.</summary>
    public string ZoneName { get; private set; } = "";
    public IReadOnlyList<BookingView> Bookings { get; private set; } = [];
    public IReadOnlyList<SlotView> Bookable { get; private set; } = [];
    /// <summary>Open slots the applicant could move a booking to (their own イベント's, even where 「予約できる数」 hides 予約する).</summary>
    public IReadOnlyList<SlotView> Open { get; private set; } = [];
    /// <summary>Some slots are not offered for booking because the applicant already holds the booking their イベント allows.</summary>
    public bool LimitHidesSlots { get; private set; }
    /// <summary>What the last POST did (booked, full, ...), for the message and data-outcome.</summary>
    public BookingOutcome? Outcome { get; private set; }

    /// <summary>The confirmation step of キャンセル / 変更 (a plain GET page, so it works without scripts).</summary>
    public enum Step { None, ConfirmCancel, ChooseChange, ConfirmChange }
    public Step Confirm { get; private set; }
    /// <summary>The booking the confirmation step is about, and for 変更 the slot chosen.</summary>
    public BookingView? Subject { get; private set; }
    public SlotView? ChosenSlot { get; private set; }
    public bool MustChoose { get; private set; }
    /// <summary>A 予約する refused as 満席/締切: the answer shows the message and that イベント's 日程 only.</summary>
    public bool SeatAnswer { get; private set; }

    private TimeZoneInfo _zone = TimeZoneInfo.Utc;

    /// <summary>TempData key of the one-time message carried over the redirect after a booking, change or cancellation.</summary>
    private const string DoneKey = "My.Outcome";

    public override async Task OnPageHandlerExecutionAsync(PageHandlerExecutingContext context, PageHandlerExecutionDelegate next)
    {
        var link = await MyPageTokens.LinkAsync(HttpContext, context.RouteData.Values["token"] as string);
        // What the layout's language form (an antiforgery token) sets anyway: set here, antiforgery has nothing to override
        // and logs no "Cache-Control overridden" warning on every render.
        Response.Headers.CacheControl = "no-cache, no-store";
        Response.Headers.Pragma = "no-cache";
        if (link is null || context.HandlerMethod is null)
        {
            await db.Database.CloseConnectionAsync();
            Invalid = true;
            Response.StatusCode = StatusCodes.Status404NotFound;
            context.Result = Page();
            return;
        }
        Applicant = link.Applicant; // its language was chosen by the request localization (ApplicantsSetup)
        CompanyName = link.CompanyName;
        _zone = TimeZones.FindOrTokyo(link.CompanyTimeZoneId);
        ZoneName = ApplicantTimes.ZoneName(_zone, l);
        try
        {
            await next();
        }
        finally
        {
            // Opened by the token lookup of a GET (or LoadAsync): back to the pool before the page renders.
            await db.Database.CloseConnectionAsync();
        }
    }

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        // TempData only when its cookie came (after a 303): once loaded, every answer would delete the cookie (a Set-Cookie per GET).
        if (Request.Cookies.ContainsKey(tempData.Value.Cookie.Name!) && Enum.TryParse<BookingOutcome>(TempData[DoneKey] as string, out var done)) Outcome = done;
        await LoadAsync(ct);
        return Page();
    }

    /// <summary>キャンセル, step 1: asks to confirm (the POST of the same handler cancels).</summary>
    public async Task<IActionResult> OnGetCancelAsync(Guid bookingId, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Confirmable(bookingId) is { } refused) return refused;
        Confirm = Step.ConfirmCancel;
        return Page();
    }

    /// <summary>変更, step 1: the open slots with none chosen; step 2 (a slot chosen): the old and the new time to confirm.</summary>
    public async Task<IActionResult> OnGetChangeAsync(Guid bookingId, Guid? scheduleId, bool choose, CancellationToken ct)
    {
        await LoadAsync(ct);
        if (Confirmable(bookingId) is { } refused) return refused;
        ChosenSlot = scheduleId is { } id ? ChangeTargets(Subject!).FirstOrDefault(x => x.Members.Contains(id)) : null;
        Confirm = ChosenSlot is null ? Step.ChooseChange : Step.ConfirmChange;
        MustChoose = choose && ChosenSlot is null; // 「次へ」 without a slot: say so, change nothing
        if (MustChoose) Response.StatusCode = StatusCodes.Status400BadRequest;
        return Page();
    }

    /// <summary>Sets <see cref="Subject"/>, the booking a confirmation step is about; else the reason there is none (unknown, or past the deadline).</summary>
    private PageResult? Confirmable(Guid bookingId)
    {
        Subject = Bookings.FirstOrDefault(b => b.Id == bookingId);
        if (Subject is null) return Refused(BookingOutcome.NotFound);
        if (!Subject.CanCancel)
        {
            Subject = null;
            return Refused(BookingOutcome.Closed);
        }
        return null;
    }

    /// <summary>The slots a booking may move to: open ones of its own イベント.</summary>
    public IEnumerable<SlotView> ChangeTargets(BookingView b) => Open.Where(s => s.EventId == b.EventId && !s.Full);

    public async Task<IActionResult> OnPostBookAsync(Guid scheduleId, CancellationToken ct)
    {
        var outcome = (await parallel.BookAsync(Applicant, scheduleId, ct)).Outcome;
        if (outcome is not (BookingOutcome.Full or BookingOutcome.Closed)) return await AnswerAsync(outcome, ct);
        // 満席 / 締切 (most attempts of a rush): the message and that イベント's 日程 with their seats now, to pick another;
        // not the whole page (the applicant's bookings did not change). One statement instead of the page's reads.
        await ReadEventAsync(scheduleId, ct);
        return Refused(outcome);
    }

    public async Task<IActionResult> OnPostCancelAsync(Guid bookingId, CancellationToken ct) =>
        await AnswerAsync((await bookings.CancelAsync(Applicant, bookingId, byStaff: false, ct)).Outcome, ct);

    public async Task<IActionResult> OnPostChangeAsync(Guid bookingId, Guid scheduleId, CancellationToken ct) =>
        await AnswerAsync((await parallel.ChangeAsync(Applicant, bookingId, scheduleId, ct)).Outcome, ct);

    /// <summary>
    /// Post/Redirect/Get when something changed: 303 to the my page, the message once via TempData, so a refresh or the
    /// back button never books or cancels again. A refused attempt (満席, 締切, ...) changed nothing: it answers at once
    /// with the message and 409/404, which keeps the answer plain to any client (the rush test, the bench).
    /// </summary>
    private async Task<IActionResult> AnswerAsync(BookingOutcome outcome, CancellationToken ct)
    {
        if (outcome is BookingOutcome.Booked or BookingOutcome.Changed or BookingOutcome.Cancelled)
        {
            TempData[DoneKey] = outcome.ToString();
            return SeeOther();
        }
        await LoadAsync(ct);
        return Refused(outcome);
    }

    /// <summary>Nothing changed: the my page with the reason (and 409, or 404 for an unknown booking or slot).</summary>
    private PageResult Refused(BookingOutcome outcome)
    {
        Outcome = outcome;
        Confirm = Step.None;
        Response.StatusCode = outcome == BookingOutcome.NotFound ? StatusCodes.Status404NotFound : StatusCodes.Status409Conflict;
        return Page();
    }

    /// <summary>
    /// The header's language switch on this page: the same cookie as /Culture's, without its antiforgery token (the link
    /// is the credential), so that no render makes a token and its cookie. Back to this page only.
    /// </summary>
    public IActionResult OnPostCulture(string culture, string? returnUrl)
    {
        if (SaiyoServiceExtensions.SupportedCultures.Any(c => c.Name == culture)) StaffLanguage.RememberForScreens(Response, culture);
        var page = MyPage();
        return SeeOther(returnUrl is not null && (returnUrl == page || returnUrl.StartsWith(page + "?", StringComparison.Ordinal)) ? returnUrl : page);
    }

    private string MyPage() => Url.Page("/My/Index", new { token = RouteData.Values["token"] })!;

    private StatusCodeResult SeeOther(string? location = null)
    {
        Response.Headers.Location = location ?? MyPage();
        return StatusCode(StatusCodes.Status303SeeOther);
    }

    /// <summary>Reads what the page shows over one connection (already open after a GET's token lookup), not one per query.</summary>
    private async Task LoadAsync(CancellationToken ct)
    {
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            await ReadAsync(ct);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private async Task ReadAsync(CancellationToken ct)
    {
        var a = Applicant;
        var now = time.GetUtcNow().UtcDateTime;
        var zone = _zone;
        string When(Schedule s) => ApplicantTimes.Slot(s.StartUtc, s.EndUtc, zone);

        var mine = new List<Mine>();
        await foreach (var row in MineOf.For(db)(db, a.Id, a.CompanyId).WithCancellation(ct)) mine.Add(row);
        Bookings = mine.Select(r =>
        {
            // The personal link on a personal-link event (never the shared URL), else the meeting's; never a start_url.
            var ended = r.Schedule.EndUtc <= now;
            var url = ended ? null : BookingLinks.JoinUrl(r.Schedule, r.Event, r.Booking);
            return new BookingView(r.Booking.Id, r.Event.Id, When(r.Schedule), $"{r.Meeting.Name} / {r.Event.Name}", r.Schedule.Venue, url, url is null ? null : Passcode(r.Schedule),
                r.Event.VideoProvider is not null, r.Schedule.StartUtc > now.AddMinutes(r.Event.CancellationDeadlineMinutes)) { Ended = ended };
        }).ToList();
        // 「予約できる数」: a held booking uses up its イベント (or 選考会); their other slots get no 予約する (変更 moves it instead).
        var held = mine.Select(r => r.Booking.LimitScopeId).Concat(mine.Select(r => (Guid?)r.Event.Id)).Concat(mine.Select(r => (Guid?)r.Meeting.Id)).ToHashSet();
        // 「同時刻の日程をまとめて表示する」: parallel 日程 are one row (seats added up); a time the applicant holds is not offered again.
        var rows = Rows(await bookings.BookableAsync(a, ct, includeFull: true));
        // Each row's view once, shared by both lists (half of a GET's bytes were these views when built for each list).
        var open = new List<SlotView>(rows.Count);
        var offered = new List<SlotView>(rows.Count);
        var what = new Dictionary<Guid, string>();
        foreach (var row in rows)
        {
            var view = View(row, what);
            open.Add(view);
            if (row[0].LimitScope is not { } scope || !held.Contains(scope)) offered.Add(view);
        }
        Open = open;
        Bookable = offered;
        LimitHidesSlots = Bookable.Count < Open.Count;
    }

    /// <summary>
    /// The 満席/締切 answer's 日程: the open ones of the refused 日程's イベント (their seats as they are now), without those the
    /// applicant holds. Its 「予約できる数」 hides nothing here: a held limit answers 予約済み/上限 before any seat is tried.
    /// </summary>
    private async Task ReadEventAsync(Guid scheduleId, CancellationToken ct)
    {
        SeatAnswer = true;
        var what = new Dictionary<Guid, string>();
        Bookable = Open = Rows(await bookings.BookableAsync(Applicant, ct, includeFull: true, sameEventAs: scheduleId)).ConvertAll(row => View(row, what));
    }

    /// <summary>
    /// The page's rows in the order of their first 日程 (by start): 「同時刻の日程をまとめて表示する」 makes a merging イベント's parallel
    /// 日程 one row (seats added up), any other 日程 is a row of its own; a row with a 日程 the applicant holds is not offered again.
    /// </summary>
    // A loop, not GroupBy and LINQ per row: a GET builds a hundred rows, and their iterators, sort buffers and sets were
    // the largest share of its bytes (README "Bytes, GC and JIT per my page request").
    private static List<List<BookingService.BookableSlot>> Rows(List<BookingService.BookableSlot> slots)
    {
        var rows = new List<List<BookingService.BookableSlot>>(slots.Count);
        Dictionary<(Guid, DateTime, DateTime), List<BookingService.BookableSlot>>? parallel = null;
        foreach (var s in slots)
        {
            if (!s.MergeParallelSlots) rows.Add(new(1) { s });
            else if ((parallel ??= []).TryGetValue(s.ParallelKey, out var row)) row.Add(s);
            else rows.Add(parallel[s.ParallelKey] = new(2) { s });
        }
        rows.RemoveAll(row => row.Exists(x => x.Held));
        return rows;
    }

    /// <summary>One row's view: the 日程 with most seats left leads (the one 予約する books first), its parallel 日程 are its members.</summary>
    private SlotView View(List<BookingService.BookableSlot> row, Dictionary<Guid, string> what)
    {
        static int Left(BookingService.BookableSlot s) => Math.Max(0, s.Capacity - s.BookedCount);
        var members = row.Count == 1 ? row : [.. row.OrderByDescending(Left)]; // stable: equal seats stay by start
        var first = members[0];
        var (venue, left) = (first.Venue, 0);
        foreach (var m in members)
        {
            left += Left(m);
            if (m.Venue != first.Venue) venue = null; // one venue for the row, or none shown
        }
        if (!what.TryGetValue(first.EventId, out var name)) what[first.EventId] = name = $"{first.MeetingName} / {first.EventName}";
        var view = new SlotView(first.Id, first.EventId, ApplicantTimes.Slot(first.StartUtc, first.EndUtc, _zone), name, venue, left)
        {
            Day = DateOnly.FromDateTime(TimeZoneInfo.ConvertTimeFromUtc(DateTime.SpecifyKind(first.StartUtc, DateTimeKind.Utc), _zone)),
        };
        return members.Count == 1 ? view : view with { Members = members.ConvertAll(x => x.Id) };
    }

    private sealed record Mine(Booking Booking, Schedule Schedule, InterviewEvent Event, SelectionMeeting Meeting);

    // Every render runs these: compiled once, so no query-cache key is computed per request.
    private static readonly CompiledPerModel<Func<SaiyoDbContext, Guid, Guid, IAsyncEnumerable<Mine>>> MineOf = new(() => EF.CompileAsyncQuery(
        (SaiyoDbContext db, Guid applicantId, Guid companyId) =>
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
            join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
            // The tenant filter on the 日程, not the booking: SQLite (no statistics) then seeks the applicant's bookings by
            // ApplicantId instead of scanning every booking of the company by (CompanyId, ScheduleId).
            where b.ApplicantId == applicantId && s.CompanyId == companyId && b.State == BookingState.Active && !s.Deleted
            orderby s.StartUtc
            select new Mine(b, s, e, m)));

    private string? Passcode(Schedule s)
    {
        if (s.Meeting.ProtectedPasscode is null) return null;
        try { return _passcodes.Unprotect(s.Meeting.ProtectedPasscode); }
        catch (System.Security.Cryptography.CryptographicException) { return null; }
    }
}
