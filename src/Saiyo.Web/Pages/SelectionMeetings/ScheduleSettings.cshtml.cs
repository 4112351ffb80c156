using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.Mvc;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Pages.SelectionMeetings.Schedules;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings;

/// <summary>日程設定: a 選考会's events with their schedules and each schedule's meeting (state, join URL, passcode).</summary>
public sealed class ScheduleSettingsModel(
    SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l, IDataProtectionProvider protection)
    : SelectionPageModel(db, current, clock, signal, l)
{
    private readonly IDataProtector _passcodes = protection.CreateProtector(MeetingSyncWorker.PasscodePurpose);

    public sealed record Row(
        Guid Id, string When, bool Past, int Capacity, string? Venue, bool Shown, MeetingState State, string? Reason,
        string? JoinUrl, string? Passcode, bool HasMeeting, bool DeletedOnZoom, bool LinkageAway)
    {
        /// <summary>Active bookings: a hidden 日程 with bookings keeps its meeting for them, and the row says so.</summary>
        public int Booked { get; init; }
        /// <summary>The 日程's own host from the ホストプール (its name and e-mail), else null.</summary>
        public string? PoolHost { get; init; }
        /// <summary>面接官 host mode: who interviews on it (its own 面接官, else the hosting one, else the イベント's), by name.</summary>
        public string? Interviewers { get; init; }
    }

    public sealed record EventBlock(InterviewEvent Event, IReadOnlyList<Row> Rows)
    {
        /// <summary>The ホストプール's users (name and e-mail), when the イベント has one.</summary>
        public IReadOnlyList<string> Pool { get; init; } = [];
    }

    public SelectionMeeting Meeting { get; private set; } = null!;
    public IReadOnlyList<EventBlock> Events { get; private set; } = [];
    public LinkageStatus LinkageStatus { get; private set; }

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var meeting = await FindMeetingAsync(id, ct);
        if (meeting is null) return NotFound();
        Meeting = meeting;
        var companyId = Current.Id;
        var zone = await Clock.ZoneAsync(ct);
        var now = NowUtc;
        LinkageStatus = await UnsentMeetings.LinkageStatusAsync(Db, companyId, ct);
        var events = await Db.InterviewEvents.AsNoTracking().Where(e => e.SelectionMeetingId == id && e.CompanyId == companyId)
            .OrderBy(e => e.CreatedAtUtc).ToListAsync(ct);
        var eventIds = events.Select(e => e.Id).ToList();
        var schedules = await Db.Schedules.AsNoTracking().Where(s => s.CompanyId == companyId && !s.Deleted && eventIds.Contains(s.EventId))
            .OrderBy(s => s.StartUtc).ToListAsync(ct);
        var pools = await Db.EventPoolHosts.AsNoTracking().Where(p => p.CompanyId == companyId && eventIds.Contains(p.EventId)).ToListAsync(ct);
        // 面接官 hosts: the account's users by id (a user gone from the account shows its id).
        var accountUsers = events.Any(e => e.HostMode == HostMode.Interviewer)
            ? (await Saiyo.Web.Interviews.InterviewerZoomUsers.AccountUsersAsync(Db, companyId, ct)).ToDictionary(u => u.ExternalUserId, u => $"{u.DisplayName} ({u.Email})")
            : [];
        var interviewers = await InterviewerNamesAsync(events, schedules, ct);
        Events = events.Select(e =>
        {
            var pool = e.HostMode == HostMode.Interviewer ? accountUsers : pools.Where(p => p.EventId == e.Id).ToDictionary(p => p.ExternalUserId, p => p.DisplayName);
            var rows = schedules.Where(s => s.EventId == e.Id)
                .Select(s => ToRow(s, zone, now, e.VideoProvider == VideoProvider.Zoom && LinkageStatus != LinkageStatus.Linked) with
                {
                    PoolHost = MeetingPlan.UsesPool(e) && s.PoolHostExternalUserId is { } h ? pool.GetValueOrDefault(h, h) : null,
                    Interviewers = interviewers.GetValueOrDefault(s.Id),
                }).ToList();
            return new EventBlock(e, rows) { Pool = MeetingPlan.UsesPool(e) && e.HostMode == HostMode.Pool ? [.. pool.Values.Order()] : [] };
        }).ToList();
        return Page();
    }

    /// <summary>The 面接官 of each 日程 of the 面接官-hosted イベント (who gets its invitations and sees it in 担当の面接).</summary>
    private async Task<Dictionary<Guid, string>> InterviewerNamesAsync(List<InterviewEvent> events, List<Schedule> schedules, CancellationToken ct)
    {
        var hosted = events.Where(e => MeetingPlan.UsesPool(e) && e.HostMode == HostMode.Interviewer).Select(e => e.Id).ToList();
        if (hosted.Count == 0) return [];
        var companyId = Current.Id;
        var own = (await Db.ScheduleInterviewers.AsNoTracking()
                .Where(x => x.CompanyId == companyId && Db.Schedules.Any(s => s.Id == x.ScheduleId && hosted.Contains(s.EventId))).ToListAsync(ct))
            .ToLookup(x => x.ScheduleId, x => x.StaffUserId);
        var ofEvent = (await Db.EventInterviewers.AsNoTracking().Where(x => x.CompanyId == companyId && hosted.Contains(x.EventId)).ToListAsync(ct))
            .ToLookup(x => x.EventId, x => x.StaffUserId);
        var names = (await InterviewerAssignments.CandidatesAsync(Db, companyId, ct)).ToDictionary(c => c.Id, c => c.Name);
        return schedules.Where(s => hosted.Contains(s.EventId)).ToDictionary(s => s.Id, s =>
        {
            IEnumerable<Guid> who = own[s.Id].Any() ? own[s.Id] : s.HostInterviewerId is { } host ? [host] : ofEvent[s.EventId];
            var list = who.Where(names.ContainsKey).Select(u => names[u]).Order(StringComparer.Ordinal).ToList();
            return list.Count == 0 ? L["Interviewers.None"].Value : string.Join("、", list);
        });
    }

    /// <summary>Also <paramref name="linkageAway"/>: a Zoom event's row while the linkage is not 連携中 says 送信停止, whatever the worker last did.</summary>
    private Row ToRow(Schedule s, TimeZoneInfo zone, DateTime now, bool linkageAway)
    {
        var state = MeetingPlan.Display(s);
        string? reason = null;
        if (linkageAway && state is not MeetingState.None and not MeetingState.Failed)
        {
            // Nothing reaches Zoom (and no mail carries a new link) until the linkage is back, even for a row issued before.
            state = MeetingState.Blocked;
            reason = L[LinkageStatus == LinkageStatus.ReauthorizationRequired ? "MeetingError.ReauthorizationRequired" : "MeetingError.NotLinked"].Value;
        }
        else if (s.Meeting.LastError is { } err && state is not MeetingState.Issued and not MeetingState.None)
        {
            var code = err.Split([' ', ':'], 2)[0];
            var known = L["MeetingError." + code, s.Meeting.NextAttemptAtUtc is { } at ? TimeZones.Format(at, zone) : ""];
            reason = known.ResourceNotFound ? L["MeetingError.Other", err].Value : known.Value;
        }
        string? passcode = null;
        if (s.Meeting.ProtectedPasscode is { } p)
        {
            try { passcode = _passcodes.Unprotect(p); }
            catch (System.Security.Cryptography.CryptographicException) { passcode = null; }
        }
        return new Row(s.Id, ScheduleRules.FormatRange(s.StartUtc, s.EndUtc, zone), s.EndUtc <= now, s.Capacity, s.Venue, s.Shown, state, reason,
            s.Meeting.JoinUrl, passcode, s.Meeting.ZoomId is not null, s.Meeting.DeletedOnZoomAtUtc is not null, linkageAway) { Booked = s.BookedCount };
    }
}
