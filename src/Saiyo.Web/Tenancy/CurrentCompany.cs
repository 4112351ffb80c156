using System.Security.Claims;
using Microsoft.AspNetCore.Identity;
using Microsoft.Extensions.Options;
using Saiyo.Data.Staff;

namespace Saiyo.Web.Tenancy;

public static class SaiyoClaims
{
    public const string CompanyId = "saiyo:company";
    public const string DisplayName = "saiyo:name";
    /// <summary>Present while the password set by someone else is not yet changed (see PasswordChangeGate).</summary>
    public const string MustChangePassword = "saiyo:must_change_password";
}

/// <summary>Puts the staff member's company into the sign-in cookie, so every request knows its tenant.</summary>
public sealed class StaffClaimsPrincipalFactory(
    UserManager<StaffUser> users, RoleManager<IdentityRole<Guid>> roles, IOptions<IdentityOptions> options)
    : UserClaimsPrincipalFactory<StaffUser, IdentityRole<Guid>>(users, roles, options)
{
    protected override async Task<ClaimsIdentity> GenerateClaimsAsync(StaffUser user)
    {
        var identity = await base.GenerateClaimsAsync(user);
        if (user.CompanyId is { } companyId)
            identity.AddClaim(new Claim(SaiyoClaims.CompanyId, companyId.ToString()));
        identity.AddClaim(new Claim(SaiyoClaims.DisplayName, user.DisplayName));
        if (user.MustChangePassword)
            identity.AddClaim(new Claim(SaiyoClaims.MustChangePassword, "true"));
        return identity;
    }
}

/// <summary>
/// The signed-in user's company. Every company-owned query filters by <see cref="Id"/>; a row of
/// another company is simply not found (404), never forbidden, so that its existence is not revealed.
/// </summary>
public sealed class CurrentCompany(IHttpContextAccessor accessor)
{
    private ClaimsPrincipal? User => accessor.HttpContext?.User;

    public Guid? IdOrNull =>
        Guid.TryParse(User?.FindFirstValue(SaiyoClaims.CompanyId), out var id) ? id : null;

    /// <summary>The company id; pages under the company area are only reachable with one.</summary>
    public Guid Id => IdOrNull ?? throw new InvalidOperationException("No company for this user.");

    public Guid UserId => Guid.TryParse(User?.FindFirstValue(ClaimTypes.NameIdentifier), out var id) ? id : Guid.Empty;

    public bool IsAdmin => User?.IsInRole(StaffRoles.Admin) == true;
    public bool IsOperator => User?.IsInRole(StaffRoles.Operator) == true;
    /// <summary>面接官 without a wider role: sees only 担当の面接.</summary>
    public bool IsInterviewerOnly => User?.IsInRole(StaffRoles.Interviewer) == true && !IsAdmin && User?.IsInRole(StaffRoles.Recruiter) != true;
}
