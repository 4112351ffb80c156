using Microsoft.AspNetCore.Identity;

namespace Saiyo.Data.Staff;

/// <summary>A person who signs in to the admin screen: an operator (no company) or a company's staff.</summary>
public class StaffUser : IdentityUser<Guid>
{
    public StaffUser() => Id = Guid.NewGuid();

    /// <summary>Null only for operators (the vendor's staff).</summary>
    public Guid? CompanyId { get; set; }

    public required string DisplayName { get; set; }

    public DateTime CreatedAtUtc { get; set; }

    /// <summary>
    /// The password was set by someone else (an admin for new staff or a reset, the operator for a company's first
    /// admin): until its owner chooses their own, every page sends them to the password change.
    /// </summary>
    public bool MustChangePassword { get; set; }
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
