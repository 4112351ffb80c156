using System.ComponentModel.DataAnnotations;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Localization;
using Saiyo.Data;
using Saiyo.Data.Staff;
using Saiyo.Web.Hosting;
using Saiyo.Web.Localization;
using Saiyo.Web.Mail;

namespace Saiyo.Web.Pages.Account;

/// <summary>
/// パスワードをお忘れの方: a known, enabled account gets a reset link by mail (one hour, once). Known or not, the page
/// answers the same, so it tells nobody which addresses have an account. Limited per address like the sign-in.
/// </summary>
[EnableRateLimiting(SignInSetup.SignInPolicy)]
public sealed class ForgotPasswordModel(
    UserManager<StaffUser> users, SaiyoDbContext db, MailOutbox outbox, TimeProvider time, IConfiguration config, IStringLocalizer<SharedResource> l)
    : PageModel
{
    [BindProperty]
    public ForgotInput Input { get; set; } = new();

    public bool Requested { get; private set; }

    public void OnGet()
    {
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return Page();

        var user = await users.FindByEmailAsync(Input.Email.Trim());
        if (user is not null && !IsDisabled(user, time))
        {
            var token = await users.GeneratePasswordResetTokenAsync(user);
            var link = $"{ZoomSetup.PublicBaseUrl(config).TrimEnd('/')}/Account/ResetPassword?user={user.Id}&token={Uri.EscapeDataString(token)}";
            var mail = outbox.Add(null, user.Email!, l["Mail.PasswordReset.Subject"],
                l["Mail.PasswordReset.Body", user.DisplayName, link].Value.Replace("\\n", "\n", StringComparison.Ordinal));
            // The link is a credential for an hour: it is not kept in the outbox once sent. No company: 送信メール
            // (readable by the company's admins) never lists it.
            mail.EraseAfterSend = true;
            await db.SaveChangesAsync(ct);
        }
        Requested = true;
        ModelState.Clear();
        Input = new ForgotInput();
        return Page();
    }

    /// <summary>Disabled by an admin (a lockout without end), not merely locked for a while after wrong passwords.</summary>
    public static bool IsDisabled(StaffUser user, TimeProvider time) => user.LockoutEnd > time.GetUtcNow().AddYears(100);

    public sealed class ForgotInput
    {
        [Required(ErrorMessage = "Validation.Required")]
        [EmailAddress(ErrorMessage = "Validation.Email")]
        [Display(Name = "Field.Email")]
        public string Email { get; set; } = "";
    }
}
