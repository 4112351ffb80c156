using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;
using Saiyo.Web.Applicants;

namespace Saiyo.Web.Interviews;

/// <summary>When the 不合格 mail goes: not at all, now, or at a chosen time.</summary>
public enum RejectMail
{
    None = 0,
    Now = 1,
    At = 2,
}

/// <summary>What a recruiter asks for one applicant in one 選考会.</summary>
public sealed record ResultRequest(Guid ApplicantId, SelectionOutcome Outcome, Guid? NextMeetingId, RejectMail RejectMail, DateTime? SendAtUtc);

/// <summary>
/// What setting a 合否 will do for one applicant, shown before it is done (the preview) and done as shown: the mail it
/// writes (kind "NextStep" or "Rejected", at <see cref="MailAtUtc"/> or, when null, at once) and the waiting mail it withdraws.
/// </summary>
public sealed record ResultStep(
    Guid ApplicantId, string Name, SelectionOutcome? From, SelectionOutcome To, bool Unchanged,
    string? MailKind, DateTime? MailAtUtc, string? NextMeetingName, DateTime? WithdrawsMailDueUtc)
{
    internal Guid? NextMeetingId { get; init; }
    internal Guid? WithdrawsMailId { get; init; }
}

/// <summary>
/// Sets 合否 (one applicant or many, in one transaction). 通過 invites to the next step's 選考会 and mails
/// 「次の選考のご案内」 with a new マイページ link; 不合格 mails its result now, at a chosen time (an outbox row due then, so
/// of several nodes exactly one sends it) or not at all; a 不合格 mail still waiting is withdrawn when the 合否 changes.
/// </summary>
public sealed class SelectionResults(SaiyoDbContext db, BookingMails mails, TimeProvider time)
{
    /// <summary>The 選考会's step name and the 選考会 of the next step that has any (a step without any, e.g. 内定, ends the invitations).</summary>
    public async Task<(string? StepName, IReadOnlyList<SelectionMeeting> Next)> NextMeetingsAsync(SelectionMeeting meeting, CancellationToken ct)
    {
        var steps = await db.SelectionSteps.AsNoTracking().Where(s => s.CompanyId == meeting.CompanyId).OrderBy(s => s.Order).ToListAsync(ct);
        var at = steps.FindIndex(s => s.Id == meeting.StepId);
        if (at < 0) return (null, []);
        foreach (var step in steps.Skip(at + 1))
        {
            var next = await db.SelectionMeetings.AsNoTracking().Where(m => m.CompanyId == meeting.CompanyId && m.StepId == step.Id)
                .OrderBy(m => m.CreatedAtUtc).ToListAsync(ct);
            if (next.Count > 0) return (steps[at].Name, next);
        }
        return (steps[at].Name, []);
    }

    /// <summary>
    /// The applicants a 合否 of this 選考会 can be set for: those booked in it, invited to it, or with a 合否 already.
    /// </summary>
    public IQueryable<Guid> Eligible(SelectionMeeting meeting)
    {
        var id = meeting.Id;
        var companyId = meeting.CompanyId;
        var booked = from b in db.Bookings
                     join s in db.Schedules on b.ScheduleId equals s.Id
                     join e in db.InterviewEvents on s.EventId equals e.Id
                     where e.SelectionMeetingId == id && b.CompanyId == companyId && b.State == BookingState.Active && !s.Deleted
                     select b.ApplicantId;
        var invited = db.ApplicantInvitations.Where(i => i.SelectionMeetingId == id && i.CompanyId == companyId).Select(i => i.ApplicantId);
        var decided = db.SelectionResults.Where(r => r.SelectionMeetingId == id && r.CompanyId == companyId).Select(r => r.ApplicantId);
        return booked.Union(invited).Union(decided);
    }

    /// <summary>What <see cref="ApplyAsync"/> would do now, per applicant (the order of <paramref name="requests"/>).</summary>
    public async Task<IReadOnlyList<ResultStep>> PlanAsync(SelectionMeeting meeting, IReadOnlyList<ResultRequest> requests, IReadOnlyList<SelectionMeeting> next, CancellationToken ct)
    {
        var ids = requests.Select(r => r.ApplicantId).Distinct().ToList();
        var names = await db.Applicants.AsNoTracking().Where(a => ids.Contains(a.Id) && a.CompanyId == meeting.CompanyId && a.DeletedAtUtc == null)
            .ToDictionaryAsync(a => a.Id, a => a.Name, ct);
        var results = await db.SelectionResults.AsNoTracking().Where(r => r.SelectionMeetingId == meeting.Id && ids.Contains(r.ApplicantId))
            .ToDictionaryAsync(r => r.ApplicantId, ct);
        var mailIds = results.Values.Where(r => r.MailId != null).Select(r => r.MailId!.Value).ToList();
        var waiting = await db.OutgoingMails.AsNoTracking().Where(m => mailIds.Contains(m.Id))
            .ToDictionaryAsync(m => m.Id, m => (m.State, m.NextAttemptAtUtc, m.SentAtUtc), ct);
        var now = time.GetUtcNow().UtcDateTime;
        var steps = new List<ResultStep>();
        foreach (var request in requests.DistinctBy(r => r.ApplicantId))
        {
            if (!names.TryGetValue(request.ApplicantId, out var name)) continue;
            var current = results.GetValueOrDefault(request.ApplicantId);
            // A 不合格 mail still waiting for its time (not yet sent) may be withdrawn.
            Guid? pendingId = null;
            DateTime? pendingDue = null;
            var mailed = false;
            if (current?.MailId is { } mid && waiting.TryGetValue(mid, out var m))
            {
                if (m.State == MailState.Pending && m.SentAtUtc is null && m.NextAttemptAtUtc > now) (pendingId, pendingDue) = (mid, m.NextAttemptAtUtc);
                else mailed = m.State != MailState.Cancelled;
            }
            // The 不合格 mail asked for, and when: null = as soon as it is saved.
            var wantMail = request.Outcome == SelectionOutcome.Reject && request.RejectMail != RejectMail.None;
            var wantAt = request.RejectMail == RejectMail.At ? request.SendAtUtc : null;
            var nextMeeting = request.Outcome == SelectionOutcome.Pass
                ? next.FirstOrDefault(n => n.Id == request.NextMeetingId) ?? (next.Count == 1 ? next[0] : null)
                : null;
            ResultStep step;
            if (current?.Outcome == request.Outcome)
            {
                // The same 合否 again sends nothing new, except a 不合格 mail not sent yet: it may be added, moved or withdrawn.
                var sameMail = request.Outcome != SelectionOutcome.Reject || mailed
                    || (pendingDue is null && !wantMail)
                    || (pendingDue is not null && wantAt == pendingDue);
                step = sameMail
                    ? new ResultStep(request.ApplicantId, name, current.Outcome, request.Outcome, true, null, null, null, null)
                    : new ResultStep(request.ApplicantId, name, current.Outcome, request.Outcome, false,
                        wantMail ? "Rejected" : null, wantMail ? wantAt : null, null, pendingDue) { WithdrawsMailId = pendingId };
            }
            else
            {
                var kind = request.Outcome switch
                {
                    SelectionOutcome.Pass when nextMeeting is not null => "NextStep",
                    SelectionOutcome.Reject when wantMail => "Rejected",
                    _ => null,
                };
                step = new ResultStep(request.ApplicantId, name, current?.Outcome, request.Outcome, false,
                    kind, kind == "Rejected" ? wantAt : null, nextMeeting?.Name, pendingDue)
                { NextMeetingId = nextMeeting?.Id, WithdrawsMailId = pendingId };
            }
            steps.Add(step);
        }
        return steps;
    }

    /// <summary>
    /// Does the planned steps in one transaction: every 合否, invitation, mail and withdrawal, or none of them.
    /// Returns the names whose waiting mail could not be withdrawn any more (it was being sent at that moment).
    /// </summary>
    /// <exception cref="DbUpdateException">Another recruiter set a first 合否 of one of them at the same time.</exception>
    public async Task<IReadOnlyList<string>> ApplyAsync(SelectionMeeting meeting, IReadOnlyList<ResultStep> steps, string? actor, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var late = new List<string>();
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var ids = steps.Where(s => !s.Unchanged).Select(s => s.ApplicantId).ToList();
        var applicants = await db.Applicants.Where(a => ids.Contains(a.Id) && a.CompanyId == meeting.CompanyId).ToDictionaryAsync(a => a.Id, ct);
        var results = await db.SelectionResults.Where(r => r.SelectionMeetingId == meeting.Id && ids.Contains(r.ApplicantId)).ToDictionaryAsync(r => r.ApplicantId, ct);
        foreach (var step in steps.Where(s => !s.Unchanged))
        {
            var applicant = applicants[step.ApplicantId];
            if (step.WithdrawsMailId is { } withdraw)
            {
                // Only while no node holds it for sending: the same conditional UPDATE the sender's claim races with.
                var withdrawn = await db.OutgoingMails
                    .Where(m => m.Id == withdraw && m.State == MailState.Pending && (m.ClaimedUntilUtc == null || m.ClaimedUntilUtc < now) && m.SentAtUtc == null)
                    .ExecuteUpdateAsync(x => x.SetProperty(m => m.State, MailState.Cancelled), ct);
                if (withdrawn == 0) late.Add(step.Name);
            }
            if (!results.TryGetValue(step.ApplicantId, out var result))
            {
                result = new SelectionResult { CompanyId = meeting.CompanyId, SelectionMeetingId = meeting.Id, ApplicantId = step.ApplicantId };
                db.SelectionResults.Add(result);
            }
            // The row keeps its mail of this outcome; a withdrawn one stays referenced (the list says it was withdrawn).
            if (result.Outcome != step.To || step.From is null || step.WithdrawsMailId is not null)
            {
                result.Mailed = false;
                result.MailId = step.WithdrawsMailId;
            }
            result.Outcome = step.To;
            result.NextSelectionMeetingId = step.NextMeetingId;
            result.SetAtUtc = now;
            result.SetBy = actor;
            ApplicantTimeline.Note(db, meeting.CompanyId, step.ApplicantId, now, "result." + step.To.ToString().ToLowerInvariant(), meeting.Name, actor);
            if (step.NextMeetingId is { } nextId)
            {
                if (!await db.ApplicantInvitations.AnyAsync(i => i.ApplicantId == step.ApplicantId && i.SelectionMeetingId == nextId, ct))
                    db.ApplicantInvitations.Add(new ApplicantInvitation { CompanyId = meeting.CompanyId, ApplicantId = step.ApplicantId, SelectionMeetingId = nextId, CreatedAtUtc = now });
                ApplicantTimeline.Note(db, meeting.CompanyId, step.ApplicantId, now, ApplicantTimeline.InvitedBy, nextId.ToString(), actor);
                // Only the hash is stored, so the link in the mail is a new one (it revokes the old, as 「マイページのリンクを送信」 does).
                var (token, hash) = MyPageTokens.Create();
                applicant.MyPageTokenHash = hash;
                applicant.MyPageIssuedAtUtc = now;
                var mail = await mails.NextStepAsync(applicant, step.NextMeetingName!, token, ct);
                result.MailId = mail.Id;
                result.Mailed = true;
            }
            else if (step.MailKind == "Rejected")
            {
                var mail = await mails.RejectedAsync(applicant, meeting.Name, ct, step.MailAtUtc);
                result.MailId = mail.Id;
                result.Mailed = true;
            }
        }
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return late;
    }
}
