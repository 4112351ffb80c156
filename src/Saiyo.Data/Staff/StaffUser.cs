using Microsoft.AspNetCore.Identity;

namespace Saiyo.Data.Staff;

/// <summary>A person who signs in to the admin screen: an operator (no company) or a company's staff.</summary>
public class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.NewGuid();

    /// <summary>Null only for operators (the vendor's staff).</summary>
    public Guid? CompanyId { get; set; }

    public required string DisplayName { get; set; }

    /// <summary>"ja" or "en": the language of their mails and, from sign-in, of their screens; null = not chosen (mails in Japanese).</summary>
    public string? Language { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The password was set by someone else (an admin for new staff or a reset, the operator for a company's first
    /// admin): until its owner chooses their own, every page sends them to the password change.
    /// </summary>
    public bool MustChangePassword { get; set; }

    /// <summary>
    /// The linked Zoom account's user an admin chose for this person (hosts their 日程 in the 面接官 host mode); null with
    /// <see cref="ZoomUserSetByAdmin"/> = 「未連携」. Kept across re-authorization, like an イベント's host.
    /// </summary>
    public string? ZoomUserExternalId { get; set; }

    /// <summary>False: the Zoom user is the account's user with this person's e-mail (matched when needed, so a reload finds it).</summary>
    public bool ZoomUserSetByAdmin { get; set; }
}

public static class StaffRoles
{
    /// <summary>The vendor's staff: creates companies, switches linkage on by contract.</summary>
    public const string Operator = "Operator";
    /// <summary>管理者: manages the company's staff and its Zoom linkage.</summary>
    public const string Admin = "Admin";
    /// <summary>採用担当: runs selection meetings, events and schedules.</summary>
    public const string Recruiter = "Recruiter";
    /// <summary>面接官: sees only the 日程 assigned to them and the applicants booked on those.</summary>
    public const string Interviewer = "Interviewer";

    public static readonly string[] CompanyRoles = [Admin, Recruiter, Interviewer];
    public static readonly string[] All = [Operator, Admin, Recruiter, Interviewer];
}
