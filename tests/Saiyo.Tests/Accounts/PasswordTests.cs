using System.Net;
using System.Text.RegularExpressions;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Accounts;

/// <summary>One Saiyo node with a real SMTP server and a clock tests move forward, shared by a class.</summary>
public sealed class MailWorldFixture : IAsyncLifetime
{
    public ZoomWorld World { get; private set; } = null!;

    public async ValueTask InitializeAsync() => World = await ZoomWorld.StartAsync();

    public async ValueTask DisposeAsync() => await World.DisposeAsync();
}

/// <summary>
/// パスワードをお忘れの方: a reset link by mail (read at the test SMTP server), valid one hour and once, with the same answer
/// for known and unknown addresses; a password set by someone else must be changed before any other page works.
/// </summary>
public sealed partial class PasswordTests(MailWorldFixture fx) : IClassFixture<MailWorldFixture>
{
    private const string NewPassword = "My-Own-Secret-42";

    private ZoomWorld W => fx.World;

    [Fact]
    public async Task A_reset_link_by_mail_sets_a_new_password_once_and_unknown_addresses_get_the_same_answer()
    {
        var (email, password) = await StaffWithOwnPasswordAsync("Recruiter");
        var before = W.Browser();
        Assert.Equal("/", (await before.SignInAsync(email, password)).Path);

        var unknown = $"nobody-{Guid.NewGuid():N}@staff.test";
        var unknownAnswer = await W.Browser().SubmitAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = unknown });
        var knownAnswer = await W.Browser().SubmitAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        // Nothing on the page tells whether the address has an account.
        Assert.Equal(HttpStatusCode.OK, knownAnswer.Status);
        Assert.Equal(MainText(unknownAnswer), MainText(knownAnswer));
        Assert.Contains("登録されている場合は、パスワード再設定用のリンクをお送りしました", knownAnswer.Text);

        var link = await ResetLinkAsync(email, 1);
        Assert.Empty(ApplicantSetup.MailsTo(W.Smtp, unknown)); // queued first, so it would have gone out first

        var applicant = W.Browser();
        var form = await applicant.GetAsync(link);
        Assert.Null(ApplicantSetup.Outcome(form));
        // Every mistake at once, next to its field.
        var wrong = await applicant.SubmitAsync(form, new Dictionary<string, string> { ["Input.NewPassword"] = "short", ["Input.ConfirmPassword"] = "other" });
        Assert.Contains("パスワードは10文字以上にしてください。", wrong.Errors);
        Assert.Contains("新しいパスワードと確認用のパスワードが一致しません。", wrong.Errors);
        Assert.Equal("/", (await W.Browser().SignInAsync(email, password)).Path); // nothing changed

        var done = await applicant.SubmitAsync(wrong, new Dictionary<string, string> { ["Input.NewPassword"] = NewPassword, ["Input.ConfirmPassword"] = NewPassword });
        Assert.Equal("/Account/Login", done.Path);
        Assert.Contains("パスワードを変更しました。新しいパスワードでログインしてください。", done.Text);

        // The old password is gone, the session opened before the reset is over, the new password works.
        Assert.Equal("/Account/Login", (await W.Browser().SignInAsync(email, password)).Path);
        Assert.Equal("/Account/Login", (await before.GetAsync("/SelectionMeetings")).Path);
        Assert.Equal("/", (await W.Browser().SignInAsync(email, NewPassword)).Path);

        // Once only: the same link again is refused and changes nothing.
        var again = await W.Browser().GetAsync(link);
        Assert.Equal("link-invalid", ApplicantSetup.Outcome(again));
        var replayed = await applicant.PostRawAsync(link, [new("Input.NewPassword", "Replayed-Pass-77"), new("Input.ConfirmPassword", "Replayed-Pass-77"),
            new("__RequestVerificationToken", form.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!)]);
        Assert.Equal("link-invalid", ApplicantSetup.Outcome(replayed));
        Assert.Equal("/Account/Login", (await W.Browser().SignInAsync(email, "Replayed-Pass-77")).Path);
        Assert.Equal("/", (await W.Browser().SignInAsync(email, NewPassword)).Path);
    }

    [Fact]
    public async Task A_reset_link_older_than_an_hour_is_refused_in_English_too()
    {
        var (email, password) = await StaffWithOwnPasswordAsync("Admin");
        var browser = W.Browser(language: "en");
        var asked = await browser.SubmitAsync("/Account/ForgotPassword", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("If an account exists for that address", asked.Text);
        var mail = Assert.Single(await MailsAsync(email, 1));
        Assert.Equal("[Saiyo] Reset your password", mail.Subject);
        var link = LinkIn(mail.TextBody ?? "");

        W.Clock.Advance(TimeSpan.FromMinutes(61));
        var page = await browser.GetAsync(link);
        Assert.Equal("link-invalid", ApplicantSetup.Outcome(page));
        Assert.Contains("older than one hour", page.Text);
        Assert.Equal("/", (await W.Browser().SignInAsync(email, password)).Path);
    }

    [Fact]
    public async Task New_staff_must_change_the_initial_password_before_any_other_page_works()
    {
        var admin = W.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        var (_, email) = await admin.AddStaffAsync("初期 太郎", "Recruiter");

        var staff = W.Browser();
        var forced = await staff.SignInOnlyAsync(email, InterviewerSetup.Password);
        Assert.Equal("/Account/ChangePassword", forced.Path);
        Assert.Equal("change-required", ApplicantSetup.Outcome(forced));

        // Every other page leads back here; a form posted elsewhere does nothing.
        Assert.Equal("/Account/ChangePassword", (await staff.GetAsync("/SelectionMeetings")).Path);
        var token = forced.Document.QuerySelector("input[name=__RequestVerificationToken]")!.GetAttribute("value")!;
        var meeting = $"未変更の選考会-{Guid.NewGuid():N}";
        var posted = await staff.PostRawAsync("/SelectionMeetings/Create", [new("__RequestVerificationToken", token), new("Input.Name", meeting)]);
        Assert.Equal("/Account/ChangePassword", posted.Path);

        // All mistakes are named at once; the initial password cannot be kept.
        var refused = await staff.ChangePasswordAsync(forced, "wrong-current", "short", "different");
        Assert.Contains("現在のパスワードが正しくありません。", refused.Errors);
        Assert.Contains("パスワードは10文字以上にしてください。", refused.Errors);
        Assert.Contains("新しいパスワードと確認用のパスワードが一致しません。", refused.Errors);
        var kept = await staff.ChangePasswordAsync(refused, InterviewerSetup.Password, InterviewerSetup.Password);
        Assert.Equal(new[] { "現在のパスワードとは異なるパスワードを入力してください。" }, kept.Errors.Distinct());
        Assert.Equal("/Account/ChangePassword", (await staff.GetAsync("/Applicants")).Path);

        var changed = await staff.ChangePasswordAsync(kept, InterviewerSetup.Password, NewPassword);
        Assert.Equal("/", changed.Path);
        Assert.Contains("パスワードを変更しました。", changed.Text);
        var meetings = await staff.GetAsync("/SelectionMeetings");
        Assert.Equal(HttpStatusCode.OK, meetings.Status);
        Assert.DoesNotContain(meeting, meetings.Text);
        Assert.Equal("/", (await W.Browser().SignInOnlyAsync(email, NewPassword)).Path);
        Assert.Equal("/Account/Login", (await W.Browser().SignInOnlyAsync(email, InterviewerSetup.Password)).Path);
    }

    [Fact]
    public async Task An_admin_reset_signs_the_member_out_and_forces_a_change_again()
    {
        var admin = W.Browser(language: "en");
        await admin.SignInAsync(Demo.AdminEmail);
        var (id, email) = await admin.AddStaffAsync("Reset Rin", "Recruiter");
        var staff = W.Browser(language: "en");
        Assert.Equal("/", (await staff.SignInAsync(email, InterviewerSetup.Password)).Path);

        var edit = await admin.GetAsync($"/Settings/Staff/Edit/{id}");
        Assert.True(edit.Status == HttpStatusCode.OK, $"{(int)edit.Status}: {MainText(edit)}");
        Assert.True(edit.Document.QuerySelector("form.initial-password") is not null, MainText(edit));
        var weak = await admin.ClickAsync(edit, "Set initial password", new Dictionary<string, string> { ["initialPassword"] = "weak" });
        Assert.Contains("Passwords must be at least 10 characters.", weak.Errors);
        Assert.Equal(HttpStatusCode.OK, (await staff.GetAsync("/SelectionMeetings")).Status); // nothing changed

        var set = await admin.ClickAsync(edit, "Set initial password", new Dictionary<string, string> { ["initialPassword"] = "Admin-Set-Pass9" });
        Assert.Equal("/Settings/Staff", set.Path);
        Assert.Contains("They must change it at their next sign-in.", set.Text);

        Assert.Equal("/Account/Login", (await staff.GetAsync("/SelectionMeetings")).Path);
        var forced = await staff.SignInOnlyAsync(email, "Admin-Set-Pass9");
        Assert.Equal("change-required", ApplicantSetup.Outcome(forced));
        Assert.Contains("Choose your own password to continue.", forced.Text);

        // A company's first admin, whose password the operator set, is asked the same.
        var op = W.Browser();
        await op.SignInAsync(Demo.OperatorEmail);
        var firstAdmin = await op.CreateCompanyAsync($"初期社-{Guid.NewGuid():N}"[..12]);
        Assert.Equal("change-required", ApplicantSetup.Outcome(await W.Browser().SignInOnlyAsync(firstAdmin, CompanySetup.AdminPassword)));
    }

    /// <summary>A staff member who has already replaced the admin's initial password with their own.</summary>
    private async Task<(string Email, string Password)> StaffWithOwnPasswordAsync(string role)
    {
        var admin = W.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        var (_, email) = await admin.AddStaffAsync("再設定 花子", role);
        Assert.Equal("/", (await W.Browser().SignInAsync(email, InterviewerSetup.Password)).Path);
        return (email, InterviewerSetup.Password);
    }

    private async Task<string> ResetLinkAsync(string email, int count) => LinkIn((await MailsAsync(email, count))[^1].TextBody ?? "");

    private async Task<List<MimeKit.MimeMessage>> MailsAsync(string email, int count)
    {
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(W.Smtp, email).Count >= count), $"{count} mail(s) to {email}", 60);
        return ApplicantSetup.MailsTo(W.Smtp, email);
    }

    private string LinkIn(string body)
    {
        var match = ResetLink().Match(body);
        Assert.True(match.Success, body);
        Assert.StartsWith(W.SaiyoUrl, match.Value, StringComparison.Ordinal);
        return new Uri(match.Value).PathAndQuery;
    }

    private static string MainText(HtmlPage page) => Regex.Replace(page.Document.QuerySelector("main")!.TextContent, @"\s+", " ");

    [GeneratedRegex(@"https?://\S+/Account/ResetPassword\?\S+")]
    private static partial Regex ResetLink();
}
