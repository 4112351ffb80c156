using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Data.Selection;
using Saiyo.Data.Staff;
using Saiyo.Web.Interviews;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Settings.Staff;

/// <summary>Edit a staff member of the admin's own company: name, role, disable, delete. Never oneself out of admin.</summary>
public sealed class EditModel(SaiyoDbContext db, UserManager<StaffUser> users, CurrentCompany current, TimeProvider time, IStringLocalizer<SharedResource> l,
    Meetings.InterviewerHostRemap remap) : PageModel
{
    [BindProperty]
    public StaffInput Input { get; set; } = new();

    public string Email { get; private set; } = "";
    public bool Disabled { get; private set; }
    public bool IsSelf { get; private set; }
    /// <summary>The linked Zoom account's users offered for 「Zoomユーザ」.</summary>
    public IReadOnlyList<ExternalVideoUser> ZoomUsers { get; private set; } = [];
    /// <summary>The posted/stored choice: "" = by e-mail, <see cref="ZoomUserNone"/> = 未連携, else a Zoom user id.</summary>
    public string ZoomUserChoice { get; private set; } = "";
    /// <summary>The account's user with this person's e-mail (what 「メールアドレスで照合」 gives), if any.</summary>
    public string? ZoomUserByEmail { get; private set; }
    public const string ZoomUserNone = "none";

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        var roles = await users.GetRolesAsync(user);
        Input = new StaffInput { DisplayName = user.DisplayName, Language = user.Language, Role = StaffRoles.CompanyRoles.FirstOrDefault(roles.Contains) ?? StaffRoles.Recruiter };
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        if (IsSelf && Input.Role != StaffRoles.Admin)
            ModelState.AddModelError("Input.Role", l["Staff.CannotDemoteSelf"]);
        if (!ModelState.IsValid) return Page();

        user.DisplayName = Input.DisplayName.Trim();
        user.Language = StaffLanguage.Normalize(Input.Language);
        var result = await users.UpdateAsync(user);
        var roleChanged = false;
        foreach (var other in StaffRoles.CompanyRoles.Where(r => r != Input.Role))
            if (result.Succeeded && await users.IsInRoleAsync(user, other)) { result = await users.RemoveFromRoleAsync(user, other); roleChanged = true; }
        if (result.Succeeded && !await users.IsInRoleAsync(user, Input.Role)) { result = await users.AddToRoleAsync(user, Input.Role); roleChanged = true; }
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        // A changed role must not live on in an open session's cookie.
        if (roleChanged) await users.UpdateSecurityStampAsync(user);
        TempData["Flash"] = l["Common.Saved"].Value;
        return RedirectToPage("Index");
    }

    /// <summary>
    /// 「Zoomユーザ」: the Zoom user hosting this person's 日程 in the 面接官 host mode — matched by e-mail (default), one of
    /// the linked account's users, or 「未連携」. A change moves their coming 日程 at once (<see cref="Meetings.InterviewerHostRemap"/>).
    /// </summary>
    public async Task<IActionResult> OnPostZoomUserAsync(Guid id, [FromForm] string? zoomUser, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        ModelState.Clear();
        var roles = await users.GetRolesAsync(user);
        Input = new StaffInput { DisplayName = user.DisplayName, Language = user.Language, Role = StaffRoles.CompanyRoles.FirstOrDefault(roles.Contains) ?? StaffRoles.Recruiter };
        zoomUser = string.IsNullOrWhiteSpace(zoomUser) ? "" : zoomUser.Trim();
        if (zoomUser is not ("" or ZoomUserNone) && ZoomUsers.All(u => u.ExternalUserId != zoomUser))
        {
            ModelState.AddModelError(nameof(ZoomUserChoice), l["Validation.InvalidValue"]);
            return Page();
        }
        var before = InterviewerZoomUsers.Resolve(user.Email, user.ZoomUserExternalId, user.ZoomUserSetByAdmin, ZoomUsers);
        user.ZoomUserSetByAdmin = zoomUser != "";
        user.ZoomUserExternalId = zoomUser is "" or ZoomUserNone ? null : zoomUser;
        await db.SaveChangesAsync(ct);
        var after = InterviewerZoomUsers.Resolve(user.Email, user.ZoomUserExternalId, user.ZoomUserSetByAdmin, ZoomUsers);
        TempData["Flash"] = l["Common.Saved"].Value;
        if (before?.ExternalUserId != after?.ExternalUserId)
        {
            // Their coming 日程 move off the old user now, not at some later replan.
            var outcome = await remap.StaffChangedAsync(current.Id, user.Id, user.DisplayName, after is null ? null : $"{after.DisplayName} ({after.Email})", Actor(), ct);
            var said = Meetings.InterviewerHostRemap.Describe(outcome, l, "Staff.ZoomUserMoved");
            if (said != "") TempData["Flash"] = outcome.Moved > 0 ? said : $"{TempData["Flash"]} {said}";
        }
        return RedirectToPage("Index");
    }

    public async Task<IActionResult> OnPostToggleAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        if (IsSelf) return BadRequest();
        // Disabling uses Identity's lockout so that sign-in refuses the account; the security stamp ends open sessions.
        await users.SetLockoutEnabledAsync(user, true);
        await users.SetLockoutEndDateAsync(user, Disabled ? null : DateTimeOffset.MaxValue);
        await users.UpdateSecurityStampAsync(user);
        TempData["Flash"] = l["Common.Saved"].Value;
        if (!Disabled)
        {
            // Nothing moves off a deactivated 面接官 (applicants keep their meeting), so the team is told what is still theirs.
            var (booked, hosted) = await ComingBookedAsync(user, ct);
            if (booked > 0) TempData["Flash"] = l[hosted > 0 ? "Staff.DisabledStillInterviewerHosting" : "Staff.DisabledStillInterviewer", user.DisplayName, booked, hosted].Value;
        }
        return RedirectToPage("Index");
    }

    /// <summary>
    /// The coming 日程 with booked applicants that <paramref name="user"/> interviews, and of those how many their Zoom user
    /// hosts (面接官 host mode).
    /// </summary>
    private async Task<(int Booked, int Hosted)> ComingBookedAsync(StaffUser user, CancellationToken ct)
    {
        var now = time.GetUtcNow().UtcDateTime;
        var zoomUserId = InterviewerZoomUsers.Resolve(user.Email, user.ZoomUserExternalId, user.ZoomUserSetByAdmin, ZoomUsers)?.ExternalUserId;
        var rows = await InterviewerAssignments.SchedulesOf(db, current.Id, user.Id)
            .Where(s => s.StartUtc > now && s.BookedCount > 0)
            .Select(s => s.HostInterviewerId == user.Id
                || (zoomUserId != null && s.PoolHostExternalUserId == zoomUserId
                    && db.InterviewEvents.Any(e => e.Id == s.EventId && e.HostMode == HostMode.Interviewer && e.VideoProvider == VideoProvider.Zoom)))
            .ToListAsync(ct);
        return (rows.Count, rows.Count(hosts => hosts));
    }

    /// <summary>
    /// 初期パスワードを設定: the admin sets a password the staff member must change at their next sign-in; their open
    /// sessions end (new security stamp). For oneself there is パスワードの変更.
    /// </summary>
    public async Task<IActionResult> OnPostInitialPasswordAsync(Guid id, [FromForm] string? initialPassword, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        if (IsSelf) return BadRequest();
        // Only the password is posted: the name and role fields are shown as saved, not as errors.
        ModelState.Clear();
        var roles = await users.GetRolesAsync(user);
        Input = new StaffInput { DisplayName = user.DisplayName, Role = StaffRoles.CompanyRoles.FirstOrDefault(roles.Contains) ?? StaffRoles.Recruiter };
        if (string.IsNullOrEmpty(initialPassword))
        {
            ModelState.AddModelError(nameof(InitialPassword), l["Validation.Required", l["Field.InitialPassword"]]);
            return Page();
        }
        user.MustChangePassword = true;
        var result = await users.ResetPasswordAsync(user, await users.GeneratePasswordResetTokenAsync(user), initialPassword);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result, nameof(InitialPassword), nameof(InitialPassword));
            return Page();
        }
        TempData["Flash"] = l["Staff.InitialPasswordSet", user.DisplayName].Value;
        return RedirectToPage("Index");
    }

    /// <summary>Only for the form's field name and its error.</summary>
    public string InitialPassword => "";

    public async Task<IActionResult> OnPostDeleteAsync(Guid id, CancellationToken ct)
    {
        var user = await FindAsync(id, ct);
        if (user is null) return NotFound();
        if (IsSelf) return BadRequest();
        // Their 面接官 assignments go with them: the 日程 they interviewed or hosted are read first and planned again after.
        var coming = await remap.ComingOfAsync(current.Id, user.Id, ct);
        var result = await users.DeleteAsync(user);
        if (!result.Succeeded)
        {
            ModelState.AddIdentityErrors(result);
            return Page();
        }
        var outcome = await remap.StaffDeletedAsync(current.Id, user.Id, user.DisplayName, coming, Actor(), ct);
        TempData["Flash"] = $"{l["Staff.Deleted", user.DisplayName].Value} {Meetings.InterviewerHostRemap.Describe(outcome, l, "Staff.DeletedMoved")}".TrimEnd();
        return RedirectToPage("Index");
    }

    private (Guid Id, string Name, string? Ip) Actor() =>
        (current.UserId, User.FindFirst(SaiyoClaims.DisplayName)?.Value ?? "", HttpContext.Connection.RemoteIpAddress?.ToString());

    private async Task<StaffUser?> FindAsync(Guid id, CancellationToken ct)
    {
        // Only the admin's own company: another company's staff id is simply not found.
        var companyId = current.Id;
        var user = await db.Users.FirstOrDefaultAsync(u => u.Id == id && u.CompanyId == companyId, ct);
        if (user is null) return null;
        Email = user.Email ?? "";
        Disabled = user.LockoutEnd > time.GetUtcNow();
        IsSelf = user.Id == current.UserId;
        ZoomUsers = await InterviewerZoomUsers.AccountUsersAsync(db, companyId, ct);
        ZoomUserChoice = !user.ZoomUserSetByAdmin ? "" : user.ZoomUserExternalId ?? ZoomUserNone;
        ZoomUserByEmail = InterviewerZoomUsers.Resolve(user.Email, null, false, ZoomUsers) is { } byEmail ? $"{byEmail.DisplayName} ({byEmail.Email})" : null;
        return user;
    }
}
