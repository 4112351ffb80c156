using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Saiyo.Zoom.Sandbox.Model;
using Saiyo.Zoom.Sandbox.Pages;

namespace Saiyo.Zoom.Sandbox;

/// <summary>The sandbox's own pages: state, Marketplace (Manage → Added Apps → Remove), meetings, join and start.</summary>
internal sealed partial class SandboxHandlers
{
    // ---- state page --------------------------------------------------------------------------------

    public IResult StatePage(HttpContext ctx)
    {
        var b = Base(ctx);
        var now = time.GetUtcNow();
        var sb = new StringBuilder();
        store.Read(d =>
        {
            sb.Append("<p class=\"muted\">Sandbox clock: ").Append(Formats.Utc(now)).Append(" · plan ").Append(Html.E(Options.Plan))
              .Append(" · webhook URL ").Append(Html.E(Options.WebhookUrl ?? "(none)")).Append(" · control API: <code>").Append(Html.E(b)).Append("/_sandbox/state</code></p>");
            foreach (var a in d.Accounts)
            {
                sb.Append("<section class=\"card\"><h2>").Append(Html.E(a.Name)).Append(" <span class=\"muted\">").Append(Html.E(a.Id)).Append(" · ").Append(Html.E(a.Plan)).Append("</span></h2>");
                sb.Append("<h3>Users</h3><table><thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Type</th><th>Time zone</th><th>ID</th></tr></thead><tbody>");
                foreach (var u in d.Users.Where(u => u.AccountId == a.Id))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.E(u.Email)}</td><td>{Html.E(u.DisplayName)}</td><td>{Html.E(u.Role)}</td><td>{(u.Type == 2 ? "licensed" : "basic")}</td><td>{Html.E(u.Timezone)}</td><td><code>{Html.E(u.Id)}</code></td></tr>");
                }

                sb.Append("</tbody></table><h3>Installed apps</h3>");
                var installs = d.Installations.Where(i => i.AccountId == a.Id).ToList();
                sb.Append(installs.Count == 0 ? "<p class=\"muted\">None.</p>" : string.Join("", installs.Select(i =>
                    $"<p>{Html.E(Options.AppName)} (<code>{Html.E(i.ClientId)}</code>) added {Formats.Utc(i.InstalledAt)} by {Html.E(d.Users.FirstOrDefault(u => u.Id == i.InstalledByUserId)?.Email)}</p>")));
                sb.Append("<h3>Tokens</h3><table><thead><tr><th>Access</th><th>Refresh</th><th>Issued</th><th>Access expires</th><th>State</th></tr></thead><tbody>");
                foreach (var t in d.Tokens.Where(t => t.AccountId == a.Id).TakeLast(20))
                {
                    var st = t.RevokedReason ?? (t.RefreshUsed ? "refresh rotated" : t.AccessExpiresAt <= now ? "access expired" : "active");
                    sb.Append(CultureInfo.InvariantCulture, $"<tr><td><code>{Html.E(Ids.Mask(t.AccessToken))}</code></td><td><code>{Html.E(Ids.Mask(t.RefreshToken))}</code></td><td>{Formats.Utc(t.IssuedAt)}</td><td>{Formats.Utc(t.AccessExpiresAt)}</td><td>{Html.E(st)}</td></tr>");
                }

                sb.Append("</tbody></table><h3>Meetings</h3>").Append(MeetingsTable(d, a.Id, b, null, includeDeleted: true));
                sb.Append("<h3>Host timeline</h3>").Append(HostTimeline(d, a.Id));
                var meetingIds = d.Meetings.Where(m => m.AccountId == a.Id).Select(m => m.Id).ToHashSet();
                sb.Append("<h3>Registrants</h3><table class=\"registrants\"><thead><tr><th>Meeting</th><th>Email</th><th>Name</th><th>Status</th><th>Registered</th></tr></thead><tbody>");
                foreach (var r in d.Registrants.Where(r => meetingIds.Contains(r.MeetingId)).OrderBy(r => r.CreatedAt).TakeLast(100))
                {
                    sb.Append(CultureInfo.InvariantCulture, $"<tr data-registrant-id=\"{Html.E(r.Id)}\"><td>{r.MeetingId}</td><td>{Html.E(r.Email)}</td><td>{Html.E($"{r.FirstName} {r.LastName}".Trim())}</td><td class=\"status\">{Html.E(r.Status)}</td><td>{Formats.Utc(r.CreatedAt)}</td></tr>");
                }

                sb.Append("</tbody></table></section>");
            }

            sb.Append("<section class=\"card\"><h2>Webhook deliveries</h2><table><thead><tr><th>Event</th><th>Status</th><th>Attempts</th><th>Created</th><th>Next attempt</th><th>Last answer</th></tr></thead><tbody>");
            foreach (var w in d.Deliveries.AsEnumerable().Reverse().Take(50))
            {
                var last = w.History.LastOrDefault();
                sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{Html.E(w.Event)}</td><td>{Html.E(w.Status)}</td><td>{w.Attempts}</td><td>{Formats.Utc(w.CreatedAt)}</td><td>{(w.Status == "pending" ? Formats.Utc(w.NextAttemptAt) : "")}</td><td>{Html.E(last is null ? "" : last.StatusCode?.ToString(CultureInfo.InvariantCulture) ?? last.Error)}</td></tr>");
            }

            sb.Append("</tbody></table></section>");
            return 0;
        });
        return Html.Page("Zoom sandbox state", sb.ToString(), b);
    }

    private string MeetingsTable(SandboxData d, string accountId, string b, string? csrf, bool includeDeleted)
    {
        var meetings = d.Meetings.Where(m => m.AccountId == accountId && (includeDeleted || !m.Deleted)).OrderBy(m => m.StartTime).ToList();
        if (meetings.Count == 0)
        {
            return "<p class=\"muted\">No meetings.</p>";
        }

        var sb = new StringBuilder("<table><thead><tr><th>ID</th><th>Topic</th><th>Start (UTC)</th><th>Duration</th><th>Time zone</th><th>Host</th><th>Status</th><th></th></tr></thead><tbody>");
        foreach (var m in meetings)
        {
            var host = d.Users.FirstOrDefault(u => u.Id == m.HostId)?.Email;
            var status = m.Deleted ? "deleted" : m.Status;
            var action = m.Deleted ? "" : $"<a href=\"{Html.E(JoinUrl(b, m))}\">Join page</a>";
            if (csrf is not null && !m.Deleted)
            {
                action += $"<form method=\"post\" action=\"{Html.E(b)}/meetings/{m.Id}/delete\">{csrf}<button type=\"submit\" class=\"danger\" aria-label=\"Delete {Html.E(m.Topic)}\">Delete</button></form>";
            }

            sb.Append(CultureInfo.InvariantCulture, $"<tr><td>{m.Id}</td><td>{Html.E(m.Topic)}</td><td>{Formats.Utc(m.StartTime)}</td><td>{m.Duration}</td><td>{Html.E(m.Timezone)}</td><td>{Html.E(host)}</td><td>{status}</td><td>{action}</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    // ---- meetings page -----------------------------------------------------------------------------

    /// <summary>
    /// Each host's live meetings in time order, one row per host; meetings that overlap another of the same host are marked
    /// <c>clash</c> (a Pro host can start only one of them).
    /// </summary>
    private static string HostTimeline(SandboxData d, string accountId)
    {
        var hosts = d.Meetings.Where(m => m.AccountId == accountId && !m.Deleted).GroupBy(m => m.HostId).ToList();
        if (hosts.Count == 0)
        {
            return "<p class=\"muted\">No scheduled meetings.</p>";
        }

        var sb = new StringBuilder("<table class=\"timeline\"><thead><tr><th>Host</th><th>Meetings (UTC)</th></tr></thead><tbody>");
        foreach (var g in hosts.OrderBy(g => d.Users.FirstOrDefault(u => u.Id == g.Key)?.Email, StringComparer.Ordinal))
        {
            var meetings = g.OrderBy(m => m.StartTime).ToList();
            var email = d.Users.FirstOrDefault(u => u.Id == g.Key)?.Email ?? g.Key;
            sb.Append(CultureInfo.InvariantCulture, $"<tr data-host-id=\"{Html.E(g.Key)}\"><td>{Html.E(email)}</td><td>");
            foreach (var m in meetings)
            {
                var end = m.StartTime.AddMinutes(m.Duration);
                var clash = meetings.Any(o => o.Id != m.Id && o.StartTime < end && o.StartTime.AddMinutes(o.Duration) > m.StartTime);
                sb.Append(CultureInfo.InvariantCulture,
                    $"<span class=\"slot{(clash ? " clash" : "")}\" title=\"{m.Id}\">{m.StartTime.UtcDateTime:MM-dd HH:mm}–{end.UtcDateTime:HH:mm}{(clash ? " ⚠" : "")}</span> ");
            }

            sb.Append("</td></tr>");
        }

        return sb.Append("</tbody></table>").ToString();
    }

    public IResult MeetingsPage(HttpContext ctx)
    {
        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: "Sign in to see your account's meetings.");
        }

        var b = Base(ctx);
        var csrf = Csrf(ctx);
        var table = store.Read(d => MeetingsTable(d, user.AccountId, b, csrf, includeDeleted: false));
        return Html.Page("Meetings", $"<div class=\"card\"><p>Signed in as {Html.E(user.Email)}.</p>{table}</div>", b);
    }

    /// <summary>User management (account admins): 「Deactivate」 / 「Delete」 a member, which sends user.deactivated / user.deleted.</summary>
    public IResult UsersPage(HttpContext ctx)
    {
        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: "Sign in as an account admin to manage users.");
        }

        if (!user.IsAdmin)
        {
            return ErrorPage(ctx, "Users", "Only an account owner or admin manages users.", 403);
        }

        var b = Base(ctx);
        var csrf = Csrf(ctx);
        var sb = new StringBuilder($"<div class=\"card\"><p>Signed in as {Html.E(user.Email)}.</p><table class=\"users\"><thead><tr><th>Email</th><th>Name</th><th>Role</th><th>Status</th><th></th></tr></thead><tbody>");
        store.Read(d =>
        {
            foreach (var u in d.Users.Where(u => u.AccountId == user.AccountId && u.Status != "deleted"))
            {
                sb.Append(CultureInfo.InvariantCulture, $"<tr data-user-id=\"{Html.E(u.Id)}\"><td>{Html.E(u.Email)}</td><td>{Html.E(u.DisplayName)}</td><td>{Html.E(u.Role)}</td><td class=\"status\">{Html.E(u.Status)}</td><td>");
                if (!u.IsAdmin)
                {
                    if (u.Status == "active")
                    {
                        sb.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.E(b)}/users/{Html.E(u.Id)}/deactivate\">{csrf}{Html.Hidden("user", u.Email)}<button type=\"submit\">Deactivate</button></form>");
                    }

                    sb.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.E(b)}/users/{Html.E(u.Id)}/delete\">{csrf}{Html.Hidden("user", u.Email)}<button type=\"submit\">Delete</button></form>");
                }

                sb.Append("</td></tr>");
            }

            return 0;
        });
        sb.Append("</tbody></table></div>");
        return Html.Page("Users", sb.ToString(), b);
    }

    public async Task<IResult> RemoveUserPageAsync(HttpContext ctx, string userId, bool delete)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var admin = SignedInUser(ctx);
        if (admin is null || !admin.IsAdmin || !SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Cannot change the user", "Sign in again as an account admin and retry.", 400);
        }

        var done = store.Write(d =>
        {
            var u = d.Users.FirstOrDefault(x => x.Id == userId && x.AccountId == admin.AccountId && !x.IsAdmin && x.Status != "deleted");
            if (u is null || (!delete && u.Status != "active"))
            {
                return false;
            }

            RemoveUser(d, u, admin, time.GetUtcNow(), delete);
            return true;
        });
        return done ? Results.Redirect(Base(ctx) + "/users") : ErrorPage(ctx, "Cannot change the user", "No such active member.", 404);
    }

    public async Task<IResult> DeleteMeetingPageAsync(HttpContext ctx, long meetingId)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var user = SignedInUser(ctx);
        if (user is null || !SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Cannot delete", "Sign in again and retry.", 400);
        }

        var deleted = store.Write(d =>
        {
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId && x.AccountId == user.AccountId && !x.Deleted);
            if (m is null)
            {
                return false;
            }

            DeleteMeeting(d, m, user, time.GetUtcNow(), "meetings page");
            return true;
        });
        return deleted ? Results.Redirect(Base(ctx) + "/meetings") : ErrorPage(ctx, "Cannot delete", "The meeting does not exist.", 404);
    }

    // ---- Marketplace -------------------------------------------------------------------------------

    public IResult Marketplace(HttpContext ctx)
    {
        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: "Sign in to the Zoom App Marketplace (sandbox).");
        }

        var b = Base(ctx);
        return Html.Page("Zoom App Marketplace", $"""
            <div class="card"><p>Signed in as {Html.E(user.Email)}.</p>
            <p><a href="{Html.E(b)}/marketplace/manage">Manage</a></p></div>
            """, b);
    }

    public IResult MarketplaceManage(HttpContext ctx)
    {
        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: "Sign in to the Zoom App Marketplace (sandbox).");
        }

        var b = Base(ctx);
        return Html.Page("Manage", $"""<div class="card"><p><a href="{Html.E(b)}/marketplace/manage/added-apps">Added Apps</a></p></div>""", b);
    }

    public IResult AddedApps(HttpContext ctx, string? message = null)
    {
        var user = SignedInUser(ctx);
        if (user is null)
        {
            return SignInPage(ctx, LocalUrl(ctx), intro: "Sign in to the Zoom App Marketplace (sandbox).");
        }

        var b = Base(ctx);
        var install = store.Read(d => d.Installations.FirstOrDefault(i => i.AccountId == user.AccountId && i.ClientId == Options.ClientId));
        var sb = new StringBuilder("<div class=\"card\">");
        if (message is not null)
        {
            sb.Append("<p role=\"status\">").Append(Html.E(message)).Append("</p>");
        }

        if (install is null)
        {
            sb.Append("<p class=\"muted\">No apps are added to this account.</p>");
        }
        else
        {
            sb.Append(CultureInfo.InvariantCulture, $"<h2>{Html.E(Options.AppName)}</h2><p class=\"muted\">Account-level app · client ID <code>{Html.E(install.ClientId)}</code> · added {Formats.Utc(install.InstalledAt)}</p>");
            if (user.IsAdmin)
            {
                sb.Append(CultureInfo.InvariantCulture, $"""
                    <form method="post" action="{Html.E(b)}/marketplace/manage/added-apps/remove">{Csrf(ctx)}{Html.Hidden("client_id", install.ClientId)}
                    <button type="submit" class="danger">Remove</button></form>
                    """);
            }
            else
            {
                sb.Append("<p class=\"muted\">Only an account owner or admin can remove this app.</p>");
            }
        }

        sb.Append(CultureInfo.InvariantCulture, $"""
            <hr><h2>Event notification endpoint</h2><p class="muted">{Html.E(Options.WebhookUrl ?? "(none configured)")}</p>
            <form method="post" action="{Html.E(b)}/marketplace/manage/added-apps/validate">{Csrf(ctx)}<button type="submit" class="secondary">Validate endpoint</button></form></div>
            """);
        return Html.Page("Added Apps", sb.ToString(), b);
    }

    /// <summary>First POST shows the confirmation; the confirmed POST removes the app and queues app_deauthorized.</summary>
    public async Task<IResult> RemoveAppAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var user = SignedInUser(ctx);
        if (user is null || !SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Cannot remove", "Sign in again and retry.", 400);
        }

        if (!user.IsAdmin)
        {
            return ErrorPage(ctx, "Cannot remove", "Only an account owner or admin can remove this app.", 403);
        }

        var b = Base(ctx);
        if (form["confirm"] != "yes")
        {
            return Html.Page($"Remove {Options.AppName}?", $"""
                <div class="card"><p>Removing <strong>{Html.E(Options.AppName)}</strong> revokes its access to your account. The app is notified.</p>
                <form method="post" action="{Html.E(b)}/marketplace/manage/added-apps/remove">{Csrf(ctx)}{Html.Hidden("client_id", Options.ClientId)}{Html.Hidden("confirm", "yes")}
                <button type="submit" class="danger">Remove</button> <a href="{Html.E(b)}/marketplace/manage/added-apps">Cancel</a></form></div>
                """, b);
        }

        var removed = Deauthorize(user);
        return AddedApps(ctx, removed ? $"{Options.AppName} was removed." : "The app was not added to this account.");
    }

    /// <summary>Marketplace → Remove: uninstall, invalidate tokens, queue app_deauthorized.</summary>
    internal bool Deauthorize(SandboxUser user)
    {
        var removed = store.Write(d =>
        {
            if (!d.Installations.Any(i => i.AccountId == user.AccountId && i.ClientId == Options.ClientId))
            {
                return false;
            }

            Uninstall(d, user.AccountId, "app removed in the Marketplace");
            var now = time.GetUtcNow();
            webhooks.Enqueue(d, "app_deauthorized", new JsonObject
            {
                ["account_id"] = user.AccountId,
                ["user_id"] = user.Id,
                ["signature"] = Convert.ToHexStringLower(System.Security.Cryptography.HMACSHA256.HashData(
                    Encoding.UTF8.GetBytes(Options.ClientSecret), Encoding.UTF8.GetBytes($"{user.AccountId}|{user.Id}|{now.ToUnixTimeMilliseconds()}"))),
                ["deauthorization_time"] = now.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
                ["client_id"] = Options.ClientId,
            });
            return true;
        });
        if (removed)
        {
            Log.AppRemoved(logger, user.AccountId, "Marketplace");
        }

        return removed;
    }

    public async Task<IResult> ValidateEndpointPageAsync(HttpContext ctx)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        if (SignedInUser(ctx) is null || !SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Cannot validate", "Sign in again and retry.", 400);
        }

        var result = await webhooks.ValidateEndpointAsync(ctx.RequestAborted);
        return AddedApps(ctx, (result.Ok ? "Validated: " : "Validation failed: ") + result.Message);
    }
}
