using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Interviews;

/// <summary>
/// Staff ↔ Zoom user, for the 面接官 host mode: the linked account's user an admin chose (or 「未連携」), else the one with
/// the staff member's e-mail. Matched when needed rather than stored, so a user added at Zoom and reloaded is found
/// without anyone editing the staff; a user Zoom deactivated or deleted (gone from the account's list) maps to nobody.
/// </summary>
public static class InterviewerZoomUsers
{
    /// <summary>The linked Zoom account's users (name order), as offered in 「Zoomユーザ選択」.</summary>
    public static Task<List<ExternalVideoUser>> AccountUsersAsync(SaiyoDbContext db, Guid companyId, CancellationToken ct) =>
        db.ExternalVideoUsers.AsNoTracking()
            .Where(u => u.CompanyId == companyId && db.VideoLinkages.Any(l => l.Id == u.LinkageId && l.CompanyId == companyId && l.Provider == VideoProvider.Zoom))
            .OrderBy(u => u.DisplayName).ThenBy(u => u.Email).ToListAsync(ct);

    /// <summary>The Zoom user of one staff member among <paramref name="users"/>, or null (未連携).</summary>
    public static ExternalVideoUser? Resolve(string? email, string? chosen, bool setByAdmin, IEnumerable<ExternalVideoUser> users) =>
        setByAdmin
            ? chosen is null ? null : users.FirstOrDefault(u => u.ExternalUserId == chosen)
            : string.IsNullOrWhiteSpace(email) ? null : users.FirstOrDefault(u => string.Equals(u.Email.Trim(), email.Trim(), StringComparison.OrdinalIgnoreCase));

    /// <summary>The staff of the company among <paramref name="staffIds"/> that have a Zoom user: id → (name, user).</summary>
    public static async Task<Dictionary<Guid, (string Name, ExternalVideoUser User)>> OfAsync(
        SaiyoDbContext db, Guid companyId, IReadOnlyCollection<Guid> staffIds, CancellationToken ct)
    {
        var result = new Dictionary<Guid, (string, ExternalVideoUser)>();
        if (staffIds.Count == 0) return result;
        var users = await AccountUsersAsync(db, companyId, ct);
        var staff = await db.Users.AsNoTracking().Where(u => u.CompanyId == companyId && staffIds.Contains(u.Id))
            .Select(u => new { u.Id, u.DisplayName, u.Email, u.ZoomUserExternalId, u.ZoomUserSetByAdmin }).ToListAsync(ct);
        foreach (var s in staff)
        {
            if (Resolve(s.Email, s.ZoomUserExternalId, s.ZoomUserSetByAdmin, users) is { } user) result[s.Id] = (s.DisplayName, user);
        }
        return result;
    }

    /// <summary>
    /// Each 日程's 面接官 (its own, else its イベント's; assignments being saved in <paramref name="db"/> count) that have a
    /// Zoom user, in name order: the hosts it may get, the first free one hosting, and whose user each is (two 面接官 on
    /// one user: both listed). Empty: no 面接官 with a Zoom user.
    /// </summary>
    public static async Task<Dictionary<Guid, List<(string Host, string Name, Guid Staff)>>> CandidatesAsync(
        SaiyoDbContext db, InterviewEvent ev, IReadOnlyList<Schedule> batch, CancellationToken ct)
    {
        var ids = batch.Select(s => s.Id).ToList();
        // Loaded tracked, then read from Local: an assignment changed in this request but not saved yet is what counts.
        await db.ScheduleInterviewers.Where(x => ids.Contains(x.ScheduleId)).LoadAsync(ct);
        await db.EventInterviewers.Where(x => x.EventId == ev.Id).LoadAsync(ct);
        var own = db.ScheduleInterviewers.Local.Where(x => ids.Contains(x.ScheduleId)).ToLookup(x => x.ScheduleId, x => x.StaffUserId);
        var ofEvent = db.EventInterviewers.Local.Where(x => x.EventId == ev.Id).Select(x => x.StaffUserId).ToList();
        var mapped = await OfAsync(db, ev.CompanyId, [.. own.SelectMany(g => g).Concat(ofEvent).Distinct()], ct);
        return batch.ToDictionary(s => s.Id, s =>
        {
            var interviewers = own[s.Id].Any() ? own[s.Id] : ofEvent;
            return interviewers.Where(mapped.ContainsKey).Select(i => (Id: i, mapped[i].Name, mapped[i].User.ExternalUserId))
                .OrderBy(x => x.Name, StringComparer.Ordinal).ThenBy(x => x.Id)
                .Select(x => (x.ExternalUserId, x.Name, x.Id)).ToList();
        });
    }

    /// <summary>Whether <paramref name="s"/> takes its 面接官 from its イベント (none of its own, saved or being saved).</summary>
    public static bool InheritsInterviewers(SaiyoDbContext db, Schedule s) => !db.ScheduleInterviewers.Local.Any(x => x.ScheduleId == s.Id);
}
