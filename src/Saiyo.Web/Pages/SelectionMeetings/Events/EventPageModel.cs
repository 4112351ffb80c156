using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Web.Localization;
using Saiyo.Web.Meetings;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.SelectionMeetings.Events;

/// <summary>The 予約動作設定 form: what Web面接連携 offers (Zoom only while 連携中) and its validation.</summary>
public abstract class EventPageModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, MeetingSyncSignal signal, IStringLocalizer<SharedResource> l)
    : SelectionPageModel(db, current, clock, signal, l)
{
    public sealed record HostOption(string Id, string Label, bool Licensed);

    public Guid MeetingId { get; protected set; }
    public string MeetingName { get; protected set; } = "";
    public bool LinkageContracted { get; private set; }
    public LinkageStatus LinkageStatus { get; private set; }
    public bool ZoomOffered => LinkageContracted && LinkageStatus == LinkageStatus.Linked;
    public IReadOnlyList<HostOption> Hosts { get; private set; } = [];
    /// <summary>The form was posted with a newly chosen Basic host: show the 40-minute warning and its confirmation tick.</summary>
    public bool BasicHostChosen { get; private set; }

    protected async Task LoadLinkageAsync(CancellationToken ct)
    {
        var companyId = Current.Id;
        LinkageContracted = await Db.Companies.Where(c => c.Id == companyId).Select(c => c.WebInterviewLinkageEnabled).FirstAsync(ct);
        var link = await Db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom, ct);
        LinkageStatus = link?.Status ?? LinkageStatus.NotLinked;
        Hosts = link is null ? [] : await Db.ExternalVideoUsers.AsNoTracking().Where(u => u.LinkageId == link.Id && u.CompanyId == companyId)
            .OrderByDescending(u => u.Licensed).ThenBy(u => u.DisplayName)
            .Select(u => new HostOption(u.ExternalUserId, u.DisplayName + " (" + u.Email + ")", u.Licensed))
            .ToListAsync(ct);
    }

    /// <summary>The stored ホストプール (kept while its users are gone from the account); empty for a new イベント.</summary>
    public IReadOnlyList<EventPoolHost> PoolBefore { get; protected set; } = [];

    /// <summary>Checks the Zoom choice; returns false with messages on the fields.</summary>
    protected bool ValidateLinkage(EventInput input, InterviewEvent? existing)
    {
        if (input.Provider is not (EventInput.None or EventInput.Zoom or null))
        {
            ModelState.AddModelError("Input.Provider", L["Validation.InvalidValue"]);
            return false;
        }
        if (input.Provider != EventInput.Zoom) return true;
        if (input.HostMode == HostMode.Pool) return ValidatePool(input, existing);
        if (input.HostMode == HostMode.Interviewer) return ValidateInterviewerHosts(input, existing);
        // An event already on Zoom keeps its choice while the linkage is away (its rows say why nothing is sent).
        var unchanged = existing is { VideoProvider: VideoProvider.Zoom, HostMode: HostMode.SingleUser } && existing.HostExternalUserId == input.HostExternalUserId;
        if (!ZoomOffered && !unchanged)
        {
            ModelState.AddModelError("Input.Provider", L["Event.ZoomNeedsLinkage"]);
            return false;
        }
        if (string.IsNullOrEmpty(input.HostExternalUserId))
        {
            ModelState.AddModelError("Input.HostExternalUserId", L["Event.HostRequired"]);
            return false;
        }
        if (!unchanged && Hosts.All(h => h.Id != input.HostExternalUserId))
        {
            ModelState.AddModelError("Input.HostExternalUserId", L["Validation.InvalidValue"]);
            return false;
        }
        // Zoom ends a Basic user's meeting with three or more people after 40 minutes: a new Basic host is chosen knowingly.
        BasicHostChosen = !unchanged && Hosts.Any(h => h.Id == input.HostExternalUserId && !h.Licensed);
        return ConfirmedBasicHost(input);
    }

    private bool ValidatePool(EventInput input, InterviewEvent? existing)
    {
        input.HostExternalUserId = null;
        input.PoolHosts = [.. input.PoolHosts.Where(h => !string.IsNullOrEmpty(h)).Distinct(StringComparer.Ordinal)];
        var kept = PoolBefore.Select(p => p.ExternalUserId).ToHashSet(StringComparer.Ordinal);
        var unchanged = existing is { VideoProvider: VideoProvider.Zoom, HostMode: HostMode.Pool } && kept.SetEquals(input.PoolHosts);
        if (!ZoomOffered && !unchanged)
        {
            ModelState.AddModelError("Input.Provider", L["Event.ZoomNeedsLinkage"]);
            return false;
        }
        if (input.PoolHosts.Count == 0)
        {
            ModelState.AddModelError("Input.PoolHosts", L["Event.PoolRequired"]);
            return false;
        }
        // A user still in the stored pool may stay while gone from the account; a new one must be the account's.
        if (input.PoolHosts.Any(h => !kept.Contains(h) && Hosts.All(x => x.Id != h)))
        {
            ModelState.AddModelError("Input.PoolHosts", L["Validation.InvalidValue"]);
            return false;
        }
        BasicHostChosen = input.PoolHosts.Any(h => !kept.Contains(h) && Hosts.Any(x => x.Id == h && !x.Licensed));
        return ConfirmedBasicHost(input);
    }

    /// <summary>面接官 host mode: no user is chosen here; each 日程's 面接官 brings theirs (設定 → スタッフ管理).</summary>
    private bool ValidateInterviewerHosts(EventInput input, InterviewEvent? existing)
    {
        input.HostExternalUserId = null;
        input.PoolHosts = [];
        if (!ZoomOffered && existing is not { VideoProvider: VideoProvider.Zoom, HostMode: HostMode.Interviewer })
        {
            ModelState.AddModelError("Input.Provider", L["Event.ZoomNeedsLinkage"]);
            return false;
        }
        return true;
    }

    private bool ConfirmedBasicHost(EventInput input)
    {
        if (BasicHostChosen && !input.ConfirmBasicHost)
        {
            ModelState.AddModelError("Input.ConfirmBasicHost", L["Event.BasicHostConfirmRequired"]);
            return false;
        }
        return true;
    }

    /// <summary>Stores the posted ホストプール (tracked; saved with the イベント); none unless the イベント uses one.</summary>
    protected async Task ApplyPoolAsync(EventInput input, InterviewEvent ev, CancellationToken ct)
    {
        var pool = MeetingPlan.UsesPool(ev) && ev.HostMode == HostMode.Pool ? input.PoolHosts : [];
        var stored = await Db.EventPoolHosts.Where(p => p.EventId == ev.Id && p.CompanyId == ev.CompanyId).ToListAsync(ct);
        Db.EventPoolHosts.RemoveRange(stored.Where(p => !pool.Contains(p.ExternalUserId)));
        foreach (var id in pool.Where(id => stored.All(p => p.ExternalUserId != id)))
            Db.EventPoolHosts.Add(new EventPoolHost { EventId = ev.Id, CompanyId = ev.CompanyId, ExternalUserId = id, DisplayName = Hosts.FirstOrDefault(h => h.Id == id)?.Label ?? id });
    }

    protected void Apply(EventInput input, InterviewEvent ev)
    {
        ev.Name = input.Name.Trim();
        var zoom = input.Provider == EventInput.Zoom;
        ev.VideoProvider = zoom ? VideoProvider.Zoom : null;
        ev.HostMode = zoom ? input.HostMode : HostMode.SingleUser;
        if (ev.HostMode != HostMode.SingleUser) input.HostExternalUserId = null;
        if (zoom && ev.HostExternalUserId != input.HostExternalUserId)
            ev.HostDisplayName = Hosts.FirstOrDefault(h => h.Id == input.HostExternalUserId)?.Label;
        ev.HostExternalUserId = zoom ? input.HostExternalUserId : null;
        if (ev.HostExternalUserId is null) ev.HostDisplayName = null;
        ev.DefaultCapacity = input.DefaultCapacity;
        ev.BookingDeadlineMinutes = input.BookingDeadlineMinutes;
        ev.CancellationDeadlineMinutes = input.CancellationDeadlineMinutes;
        ev.WaitingRoom = input.WaitingRoom;
        ev.Passcode = input.Passcode;
        ev.PersonalJoinLinks = input.PersonalJoinLinks;
        ev.BookingLimit = input.BookingLimit;
        ev.MergeParallelSlots = input.MergeParallelSlots;
        ev.UpdatedAtUtc = NowUtc;
    }

    protected EventInput ToInput(InterviewEvent ev) => new()
    {
        HostMode = ev.HostMode, PoolHosts = [.. PoolBefore.Select(p => p.ExternalUserId)],
        Name = ev.Name, Provider = ev.VideoProvider == VideoProvider.Zoom ? EventInput.Zoom : EventInput.None, HostExternalUserId = ev.HostExternalUserId,
        DefaultCapacity = ev.DefaultCapacity, BookingDeadlineMinutes = ev.BookingDeadlineMinutes, CancellationDeadlineMinutes = ev.CancellationDeadlineMinutes,
        WaitingRoom = ev.WaitingRoom, Passcode = ev.Passcode, PersonalJoinLinks = ev.PersonalJoinLinks,
        BookingLimit = ev.BookingLimit, MergeParallelSlots = ev.MergeParallelSlots,
    };
}
