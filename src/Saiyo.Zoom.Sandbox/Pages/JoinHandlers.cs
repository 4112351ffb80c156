using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Saiyo.Zoom.Sandbox.Model;
using Saiyo.Zoom.Sandbox.Pages;

namespace Saiyo.Zoom.Sandbox;

/// <summary>The pages behind join_url and start_url: a named participant joins and leaves; the host can end the meeting.</summary>
internal sealed partial class SandboxHandlers
{
    private bool ZakValid(long meetingId, string zak)
    {
        var dot = zak.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && long.TryParse(zak[..dot], CultureInfo.InvariantCulture, out var expiry)
            && expiry > time.GetUtcNow().ToUnixTimeSeconds() && Secrets.Equal(zak[(dot + 1)..], Zak(meetingId, zak[..dot]));
    }

    private static bool PasscodeOk(SandboxMeeting m, string pwd) =>
        pwd.Length > 0 && (Secrets.Equal(pwd, m.EncryptedPassword) || Secrets.Equal(pwd, m.Password));

    public IResult JoinPage(HttpContext ctx, long meetingId) => JoinForm(ctx, meetingId, ctx.Request.Query["pwd"].ToString(), ctx.Request.Query["tk"].ToString(), zak: null, error: null);

    public IResult StartPage(HttpContext ctx, long meetingId)
    {
        var zak = ctx.Request.Query["zak"].ToString();
        return ZakValid(meetingId, zak)
            ? JoinForm(ctx, meetingId, "", "", zak, null)
            : ErrorPage(ctx, "Cannot start meeting", "This start link is invalid or has expired (start links live 2 hours). Get a fresh start_url.", 403);
    }

    private IResult JoinForm(HttpContext ctx, long meetingId, string pwd, string tk, string? zak, string? error, int status = 200)
    {
        var b = Base(ctx);
        var (m, registrant, host) = store.Read(d =>
        {
            var meeting = d.Meetings.FirstOrDefault(x => x.Id == meetingId && !x.Deleted);
            return (meeting, meeting is null || tk.Length == 0 ? null : d.Registrants.FirstOrDefault(r => r.MeetingId == meetingId && Secrets.Equal(r.JoinToken, tk)),
                meeting is null ? null : d.Users.First(u => u.Id == meeting.HostId));
        });
        if (m is null || host is null)
        {
            return ErrorPage(ctx, "Meeting not found", "This meeting ID is not valid, or the meeting was deleted.", 404);
        }

        var name = zak is not null ? host.DisplayName : registrant is null ? "" : $"{registrant.FirstName} {registrant.LastName}".Trim();
        var email = zak is not null ? host.Email : registrant?.Email ?? "";
        var needsPasscode = zak is null && registrant is null && !PasscodeOk(m, pwd);
        var body = $"""
            <div class="card"><p><strong>{Html.E(m.Topic)}</strong> · meeting ID {m.Id} · {Formats.Utc(m.StartTime)} ({m.Duration} min)</p>
            {(error is null ? "" : $"<p class=\"error\" role=\"alert\">{Html.E(error)}</p>")}
            <form method="post" action="{Html.E(b)}/j/{m.Id}/join">{Csrf(ctx)}{Html.Hidden("pwd", pwd)}{Html.Hidden("tk", tk)}{Html.Hidden("zak", zak)}
            <label for="name">Your name</label><input id="name" name="name" type="text" value="{Html.E(name)}" required>
            <label for="email">Email</label><input id="email" name="email" type="email" value="{Html.E(email)}">
            {(needsPasscode ? "<label for=\"passcode\">Meeting passcode</label><input id=\"passcode\" name=\"passcode\" type=\"text\" required>" : "")}
            <div><button type="submit">{(zak is null ? "Join" : "Start")}</button></div></form></div>
            """;
        return Html.Page(zak is null ? "Join meeting" : "Start meeting", body, b, status);
    }

    public async Task<IResult> JoinAsync(HttpContext ctx, long meetingId)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        string F(string k) => form[k].ToString();
        var zak = F("zak").Length > 0 ? F("zak") : null;
        if (!SessionStore.CsrfValid(ctx, form))
        {
            return JoinForm(ctx, meetingId, F("pwd"), F("tk"), zak, "The form expired. Please try again.", 400);
        }

        if (F("name").Trim().Length == 0)
        {
            return JoinForm(ctx, meetingId, F("pwd"), F("tk"), zak, "Enter your name.", 400);
        }

        if (zak is not null && !ZakValid(meetingId, zak))
        {
            return ErrorPage(ctx, "Cannot start meeting", "This start link is invalid or has expired.", 403);
        }

        var now = time.GetUtcNow();
        var outcome = store.Write<(SandboxParticipant? P, string? Error)>(d =>
        {
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId && !x.Deleted);
            if (m is null)
            {
                return (null, "This meeting ID is not valid, or the meeting was deleted.");
            }

            var registrant = F("tk").Length == 0 ? null : d.Registrants.FirstOrDefault(r => r.MeetingId == meetingId && Secrets.Equal(r.JoinToken, F("tk")));
            if (zak is null && registrant is { Status: not "approved" })
            {
                return (null, "This registration was cancelled or is not approved.");
            }

            if (zak is null && registrant is null && !PasscodeOk(m, F("pwd")) && !PasscodeOk(m, F("passcode")))
            {
                return (null, "Incorrect meeting passcode.");
            }

            var host = d.Users.First(u => u.Id == m.HostId);
            // A Pro licensed user hosts one meeting at a time (Business and up: two); overlaps fail only at start.
            var concurrent = string.Equals(Options.Plan, "Pro", StringComparison.OrdinalIgnoreCase) || string.Equals(Options.Plan, "Free", StringComparison.OrdinalIgnoreCase) ? 1 : 2;
            var busy = m.Status != "started" && d.Meetings.Count(x => x.HostId == m.HostId && x.Id != m.Id && x.Status == "started" && !x.Deleted) >= concurrent;
            if (zak is not null && busy)
            {
                return (null, "The host is already hosting another meeting. End it before starting this one.");
            }

            // Joining before the host cannot start a meeting of a host who is hosting another one (Zoom says so to the participant).
            if (zak is null && busy)
            {
                return (null, "The host has another meeting in progress.");
            }

            m.Status = "started";
            var p = new SandboxParticipant
            {
                Id = Ids.Alphanumeric(22), MeetingId = m.Id, MeetingUuid = m.Uuid, Name = F("name").Trim(),
                Email = F("email").Trim(), RegistrantId = registrant?.Id, UserId = zak is null ? null : host.Id, IsHost = zak is not null,
                LeaveKey = Ids.Secret(16), JoinTime = now,
            };
            d.Participants.Add(p);
            return (p, null);
        });
        if (outcome.P is not { } participant)
        {
            return JoinForm(ctx, meetingId, F("pwd"), F("tk"), zak, outcome.Error, 400);
        }

        return Results.Redirect($"{Base(ctx)}/j/{meetingId}/in/{participant.Id}?key={Uri.EscapeDataString(participant.LeaveKey)}");
    }

    public IResult InMeetingPage(HttpContext ctx, long meetingId, string participantId)
    {
        var b = Base(ctx);
        var key = ctx.Request.Query["key"].ToString();
        var view = store.Read(d =>
        {
            var p = d.Participants.FirstOrDefault(x => x.Id == participantId && x.MeetingId == meetingId && Secrets.Equal(x.LeaveKey, key));
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId);
            return p is null || m is null ? null : new { P = p, M = m, Others = d.Participants.Where(x => x.MeetingUuid == p.MeetingUuid && x.LeaveTime is null).Select(x => x.Name).ToList() };
        });
        if (view is null)
        {
            return ErrorPage(ctx, "Not in this meeting", "This in-meeting link is not valid.", 404);
        }

        if (view.P.LeaveTime is not null)
        {
            return Html.Page("You left the meeting", $"<div class=\"card\"><p role=\"status\">You left {Html.E(view.M.Topic)} at {Formats.Utc(view.P.LeaveTime.Value)}.</p></div>", b);
        }

        var sb = new StringBuilder();
        sb.Append(CultureInfo.InvariantCulture, $"<div class=\"card\"><p role=\"status\">You are in the meeting <strong>{Html.E(view.M.Topic)}</strong> as {Html.E(view.P.Name)}{(view.P.IsHost ? " (host)" : "")}.</p>");
        sb.Append("<p>In the meeting now: ").Append(Html.E(string.Join(", ", view.Others))).Append("</p>");
        sb.Append(CultureInfo.InvariantCulture, $"<form method=\"post\" action=\"{Html.E(b)}/j/{meetingId}/leave\">{Csrf(ctx)}{Html.Hidden("participant", participantId)}{Html.Hidden("key", key)}");
        sb.Append("<button type=\"submit\" name=\"action\" value=\"leave\">Leave</button>");
        if (view.P.IsHost)
        {
            sb.Append("<button type=\"submit\" name=\"action\" value=\"end\" class=\"danger\">End meeting</button>");
        }

        sb.Append("</form></div>");
        return Html.Page("In meeting", sb.ToString(), b);
    }

    public async Task<IResult> LeaveAsync(HttpContext ctx, long meetingId)
    {
        var form = await ctx.Request.ReadFormAsync(ctx.RequestAborted);
        var participantId = form["participant"].ToString();
        var key = form["key"].ToString();
        if (!SessionStore.CsrfValid(ctx, form))
        {
            return ErrorPage(ctx, "Cannot leave", "The form expired. Reload the page.", 400);
        }

        var ok = store.Write(d =>
        {
            var p = d.Participants.FirstOrDefault(x => x.Id == participantId && x.MeetingId == meetingId && Secrets.Equal(x.LeaveKey, key));
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId);
            if (p is null || m is null)
            {
                return false;
            }

            var now = time.GetUtcNow();
            p.LeaveTime ??= now;
            var end = form["action"] == "end" && p.IsHost;
            if (end || !d.Participants.Any(x => x.MeetingUuid == p.MeetingUuid && x.LeaveTime is null))
            {
                EndInstance(d, m, p.MeetingUuid, now);
            }

            return true;
        });
        return ok
            ? Results.Redirect($"{Base(ctx)}/j/{meetingId}/in/{participantId}?key={Uri.EscapeDataString(key)}")
            : ErrorPage(ctx, "Cannot leave", "This in-meeting link is not valid.", 404);
    }

    /// <summary>Ends the running instance: everyone leaves, it becomes a past meeting, meeting.ended is queued, the next instance gets a new UUID.</summary>
    private void EndInstance(SandboxData d, SandboxMeeting m, string uuid, DateTimeOffset now)
    {
        var attendees = d.Participants.Where(x => x.MeetingUuid == uuid).ToList();
        foreach (var x in attendees.Where(x => x.LeaveTime is null))
        {
            x.LeaveTime = now;
        }

        var started = attendees.Count == 0 ? now : attendees.Min(x => x.JoinTime);
        d.PastInstances.Add(new PastInstance { Uuid = uuid, MeetingId = m.Id, StartTime = started, EndTime = now });
        if (m.Uuid == uuid)
        {
            m.Uuid = Ids.MeetingUuid();
            m.Status = "waiting";
        }

        var obj = MeetingEventObject(m);
        obj["uuid"] = uuid;
        obj["start_time"] = Formats.Utc(started);
        obj["end_time"] = Formats.Utc(now);
        webhooks.Enqueue(d, "meeting.ended", new JsonObject { ["account_id"] = m.AccountId, ["object"] = obj });
    }
}
