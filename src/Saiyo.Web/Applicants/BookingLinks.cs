using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Integrations;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Saiyo.Web.Hosting;
using Saiyo.Zoom;

namespace Saiyo.Web.Applicants;

/// <summary>Section "Applicants:Links": the booking link worker (personal join links and "the link follows" mails).</summary>
public sealed class BookingLinkOptions
{
    public const string Section = "Applicants:Links";

    /// <summary>How often the worker looks for due bookings (a booking or a meeting change on this node also wakes it).</summary>
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>A node holds a booking this long; a node that dies mid-way releases it by expiry.</summary>
    public TimeSpan ClaimDuration { get; set; } = TimeSpan.FromMinutes(2);

    public TimeSpan BaseBackoff { get; set; } = TimeSpan.FromSeconds(5);

    public TimeSpan MaxBackoff { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>
    /// How long a booking request waits for Zoom to register the applicant (when it may try at all, see
    /// <see cref="BookingLinks.TryRegisterInlineAsync"/>) before handing the booking over to the worker.
    /// </summary>
    public TimeSpan InlineTimeout { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Bookings the worker registers at once on this node: the work waits on Zoom's round trip and pacing, not on this node.</summary>
    public int InFlight { get; set; } = 4;

    /// <summary>
    /// How long a booking confirmation (personal join links) or a staff change's mail (new time, new host, re-issue) waits
    /// for the link before it goes out saying the link follows (then one 「参加URLのご案内」 carries it).
    /// </summary>
    public TimeSpan NoticeWait { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Switch the worker off on a node.</summary>
    public bool Enabled { get; set; } = true;
}

/// <summary>Wakes this node's link worker right after a booking or a meeting change.</summary>
public sealed class BookingLinkSignal : WorkerSignal;

/// <summary>
/// One inline registration at a time per node: during a rush the other booking requests hand over to the worker at once
/// instead of queueing for the account's pacing slots (a local cap on this node's waiting, not shared state).
/// </summary>
public sealed class InlineRegistrationGate
{
    internal SemaphoreSlim Gate { get; } = new(1, 1);
}

/// <summary>
/// The applicant's join link of a booking and its registration at Zoom, shared by the booking request (inline) and
/// <see cref="BookingLinkWorker"/> (the safety net).
/// </summary>
public sealed class BookingLinks(SaiyoDbContext db, IZoomApiClient zoom, BookingMails mails, InlineRegistrationGate inline, TimeProvider time)
{
    /// <summary>
    /// The URL the applicant joins with, or null while there is none yet ("the link follows"). A personal-link event gives
    /// only the applicant's registration on the current meeting, never the shared URL.
    /// </summary>
    public static string? JoinUrl(Schedule s, InterviewEvent e, Booking b) => JoinUrl(s.Meeting.State, s.Meeting.ZoomId, s.Meeting.JoinUrl, e.PersonalJoinLinks, b);

    /// <summary>As above, from the meeting's columns alone (the booking path reads no whole 日程).</summary>
    public static string? JoinUrl(MeetingState state, long? zoomId, string? joinUrl, bool personalJoinLinks, Booking b)
    {
        if (state != MeetingState.Issued || zoomId is null || joinUrl is null) return null;
        if (!personalJoinLinks) return joinUrl;
        return b.RegistrantId is not null && b.RegistrantMeetingId == zoomId ? b.PersonalJoinUrl : null;
    }

    /// <summary>A personal-link booking that has no registration on the schedule's current meeting.</summary>
    public static bool NeedsRegistration(Schedule s, InterviewEvent e, Booking b) =>
        e.PersonalJoinLinks && s.Meeting.State == MeetingState.Issued && s.Meeting.ZoomId is not null
        && (b.RegistrantId is null || b.RegistrantMeetingId != s.Meeting.ZoomId);

    /// <summary>The company's Zoom connection key while the linkage is 連携中, else null.</summary>
    public async Task<string?> ConnectionKeyAsync(Guid companyId, CancellationToken ct)
    {
        var link = await db.VideoLinkages.AsNoTracking().Where(l => l.CompanyId == companyId && l.Provider == VideoProvider.Zoom)
            .Select(l => new { l.Id, l.Status }).FirstOrDefaultAsync(ct);
        return link is { Status: LinkageStatus.Linked } ? link.Id.ToString() : null;
    }

    /// <summary>
    /// Registers the applicant on <paramref name="meetingId"/> and sets the booking's registrant (tracked, saved by the caller).
    /// Adding is not idempotent: the meeting is recorded on the row before the add is sent, and a row that already names this
    /// meeting without a registrant (an add whose response was lost, or a node that died) looks the email up first.
    /// </summary>
    public async Task<ZoomError?> RegisterAsync(string key, Booking b, Applicant a, long meetingId, CancellationToken ct)
    {
        if (b.RegistrantMeetingId == meetingId && b.RegistrantId is null)
        {
            var found = await zoom.FindRegistrantByEmailAsync(key, meetingId, a.Email, ct);
            if (!found.IsSuccess) return found.Error;
            if (found.Value is { } earlier)
            {
                Adopt(b, earlier, meetingId);
                return null;
            }
        }
        else
        {
            await db.Bookings.Where(x => x.Id == b.Id).ExecuteUpdateAsync(x => x
                .SetProperty(y => y.RegistrantMeetingId, meetingId).SetProperty(y => y.RegistrantId, (string?)null)
                .SetProperty(y => y.PersonalJoinUrl, (string?)null), ct);
            b.RegistrantMeetingId = meetingId;
            b.RegistrantId = null;
            b.PersonalJoinUrl = null;
        }

        var added = await zoom.AddRegistrantAsync(key, meetingId, a.Email, a.Name, null, ct);
        if (!added.IsSuccess) return added.Error;
        Adopt(b, added.Value, meetingId);
        return null;
    }

    /// <summary>
    /// Writes the booking confirmation that is still owed, once: the flag is cleared by a conditional UPDATE in the same
    /// transaction as the mail, so a request and a worker racing for it never both mail. False when someone else did, or
    /// the booking was cancelled meanwhile (its cancellation mail is then its one mail).
    /// </summary>
    /// <remarks>
    /// The same UPDATE takes a staff change's waiting notice (<see cref="BookingNotices"/>): the confirmation is rendered
    /// after it, from the booking's current 日程 and link, so it already says what the notice would. A change committed
    /// after this UPDATE keeps its notice (its own mail follows), so nothing is lost to the race; a change committed before
    /// it is in the rendered mail. Notices are still recorded on pending bookings for that reason.
    /// </remarks>
    public async Task<bool> WriteOwedConfirmationAsync(Applicant a, Booking b, CancellationToken ct)
    {
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var won = await db.Bookings.Where(x => x.Id == b.Id && x.BookingMailPending && x.State == BookingState.Active)
            .ExecuteUpdateAsync(x => x.SetProperty(y => y.BookingMailPending, false)
                .SetProperty(y => y.NoticeKind, (string?)null).SetProperty(y => y.NoticeDueAtUtc, (DateTime?)null), ct);
        if (won == 0) return false;
        b.BookingMailPending = false;
        b.NoticeKind = null;
        b.NoticeDueAtUtc = null;
        b.MailedJoinUrl = await mails.BookedAsync(a, b, ct);
        b.LinkClaimedUntilUtc = null;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>What became of the booking's own mail when a staff change's notice was due.</summary>
    public enum UnsentConfirmation { None, Replaced, Sending }

    /// <summary>
    /// A staff change's notice is due while the booking's own mail still waits in the outbox, unsent (SMTP slow or down):
    /// that mail is withdrawn and one confirmation, rendered now with the change (the new time, the final link), goes
    /// instead, so the applicant never reads a link that is already stale followed by 「参加URLが変更されました」. The withdrawal
    /// is a conditional UPDATE in the confirmation's transaction, so the dispatcher's claim and it cannot both win; while the
    /// dispatcher holds the mail (<see cref="UnsentConfirmation.Sending"/>) nothing changes and the caller looks again soon.
    /// </summary>
    public async Task<UnsentConfirmation> ReplaceUnsentConfirmationAsync(Applicant a, Booking b, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        // By BookingId, not RenderKind: the dispatcher clears RenderKind when it renders, and a rendered mail that SMTP refused
        // is still unsent. Only the booking's own recorded mail carries a BookingId (MailOutbox.Recorded).
        var unsent = db.OutgoingMails.Where(m => m.ApplicantId == b.ApplicantId && m.BookingId == b.Id && m.State == MailState.Pending && m.SentAtUtc == null);
        if (!await unsent.AnyAsync(ct)) return UnsentConfirmation.None;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var withdrawn = await unsent.Where(m => m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now)
            .ExecuteUpdateAsync(x => x.SetProperty(m => m.State, MailState.Cancelled), ct);
        if (withdrawn == 0) return UnsentConfirmation.Sending;
        b.NoticeKind = null;
        b.NoticeDueAtUtc = null;
        b.MailedJoinUrl = await mails.BookedAsync(a, b, ct);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return UnsentConfirmation.Replaced;
    }

    /// <summary>
    /// The booking request's try at the personal link, right after the seat's commit (the row is held by the request's
    /// claim). True when the applicant is registered; false when the request should not wait: another inline registration
    /// is in flight on this node, the account's next Zoom turn is not free now (the worker or another node is using the
    /// account's per-second limit, or a 429 moved it on), or Zoom did not answer within <paramref name="bound"/>.
    /// A request never queues behind Zoom's rate limit: in a rush of hundreds of bookings each would wait its turn, up to
    /// seconds, for a link the worker sends just as well a moment later in the same one mail.
    /// </summary>
    public async Task<bool> TryRegisterInlineAsync(string key, Booking b, Applicant a, long meetingId, TimeSpan bound, CancellationToken ct)
    {
        if (!inline.Gate.Wait(0, CancellationToken.None)) return false;
        try
        {
            if (!await TurnFreeNowAsync(key, ct)) return false;
            using var bounded = CancellationTokenSource.CreateLinkedTokenSource(ct);
            bounded.CancelAfter(bound);
            return await RegisterAsync(key, b, a, meetingId, bounded.Token) is null;
        }
        catch (OperationCanceledException)
        {
            // Zoom too slow (or the applicant left): the row names the meeting, so the worker looks the email up before adding.
            return false;
        }
        finally
        {
            inline.Gate.Release();
        }
    }

    /// <summary>
    /// Gives the booking to the worker now: releases the request's claim while it still holds it (unexpired, so no other node
    /// can have claimed the row since) and the confirmation is still owed.
    /// </summary>
    public async Task HandOverAsync(Booking b)
    {
        var now = time.GetUtcNow().UtcDateTime;
        await db.Bookings.Where(x => x.Id == b.Id && x.BookingMailPending && x.LinkClaimedUntilUtc > now)
            .ExecuteUpdateAsync(x => x.SetProperty(y => y.LinkClaimedUntilUtc, (DateTime?)null), CancellationToken.None);
    }

    /// <summary>
    /// Whether the account's next registrant add (Zoom labels it Light) could go out now, or within <see cref="TurnSlack"/>
    /// (see ZoomCallPacer: a call goes out at the later of the next slot and now). A read, not a claim: the call still takes
    /// its turn from the pacer, and the per-node gate keeps those who read "free" together to one.
    /// </summary>
    private async Task<bool> TurnFreeNowAsync(string key, CancellationToken ct)
    {
        if (!Guid.TryParse(key, out var linkageId)) return true;
        var category = nameof(ZoomRateCategory.Light);
        var next = await db.ZoomCallPacings.AsNoTracking().Where(p => p.LinkageId == linkageId && p.Category == category)
            .Select(p => (long?)p.NextSlotUnixMs).FirstOrDefaultAsync(ct);
        return next is null || next <= time.GetUtcNow().ToUnixTimeMilliseconds() + (long)TurnSlack.TotalMilliseconds;
    }

    /// <summary>How long an inline registration may wait for its turn: a few turns of a busy account are longer.</summary>
    private static readonly TimeSpan TurnSlack = TimeSpan.FromMilliseconds(100);

    private static void Adopt(Booking b, ZoomRegistrant r, long meetingId)
    {
        b.RegistrantId = r.RegistrantId;
        b.PersonalJoinUrl = r.JoinUrl;
        b.RegistrantMeetingId = meetingId;
    }
}
