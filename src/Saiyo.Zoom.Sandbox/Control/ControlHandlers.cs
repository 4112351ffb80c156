using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox;

/// <summary>The JSON control surface under {prefix}/_sandbox/ for tests: state, faults, reset, UI actions without a browser.</summary>
internal sealed partial class SandboxHandlers
{
    public IResult ControlState() => Results.Json(state.Snapshot());

    public IResult ControlFaults() => Results.Json(faults.All);

    public async Task<IResult> ControlSetFaultAsync(HttpContext ctx, string? scope)
    {
        SandboxFault? fault;
        try
        {
            fault = await JsonSerializer.DeserializeAsync<SandboxFault>(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        }
        catch (JsonException ex)
        {
            return Results.BadRequest(new JsonObject { ["error"] = ex.Message });
        }

        if (fault is null || fault.ErrorRate is < 0 or > 1 || fault.DropAfterCommitRate is < 0 or > 1 || fault.LatencyMs < 0
            || fault.Force429 is not (null or "QPS" or "Daily-limit") || fault.ErrorStatus is < 500 or > 599)
        {
            return Results.BadRequest(new JsonObject { ["error"] = "rates are 0..1, latency_ms >= 0, error_status 5xx, force_429 QPS|Daily-limit" });
        }

        scope = string.IsNullOrEmpty(scope) ? "all" : scope;
        faults.Set(scope, fault);
        return Results.Json(faults.All);
    }

    public IResult ControlClearFaults(string? scope)
    {
        faults.Clear(scope);
        return Results.Json(faults.All);
    }

    public IResult ControlReset()
    {
        state.Reset();
        return Results.Json(new JsonObject { ["status"] = "reset" });
    }

    public async Task<IResult> ControlValidateAsync(HttpContext ctx) =>
        Results.Json(await webhooks.ValidateEndpointAsync(ctx.RequestAborted), Formats.Json);

    /// <summary>As if an admin of the account clicked Remove in the Marketplace.</summary>
    public IResult ControlDeauthorize(string accountId)
    {
        var admin = store.Read(d => d.Users.FirstOrDefault(u => u.AccountId == accountId && u.IsAdmin && u.Role == "admin")
            ?? d.Users.FirstOrDefault(u => u.AccountId == accountId && u.IsAdmin));
        return admin is null
            ? Results.NotFound(new JsonObject { ["error"] = "no such account" })
            : Results.Json(new JsonObject { ["removed"] = Deauthorize(admin) });
    }

    /// <summary>As if a user deleted the meeting on the sandbox's meetings page (sends meeting.deleted).</summary>
    /// <summary>
    /// As if the host (by ID or e-mail) scheduled a meeting on Zoom's web portal: the body is the API's create body (topic, agenda,
    /// start_time, duration…), no API limit is counted. Answers <c>{"id":…}</c>.
    /// </summary>
    public async Task<IResult> ControlCreateMeetingAsync(HttpContext ctx, string user)
    {
        var raw = await ReadBodyAsync(ctx);
        if (ParseBody(raw) is not { } body)
        {
            return Results.BadRequest(new JsonObject { ["error"] = "the body is a JSON object" });
        }

        var now = time.GetUtcNow();
        return store.Write(d =>
        {
            var host = d.Users.FirstOrDefault(u => u.Id == user || string.Equals(u.Email, user, StringComparison.OrdinalIgnoreCase));
            if (host is null)
            {
                return Results.NotFound(new JsonObject { ["error"] = "no such user" });
            }

            long id;
            do
            {
                id = Ids.MeetingId();
            }
            while (d.Meetings.Any(m => m.Id == id));
            var meeting = new SandboxMeeting
            {
                Id = id, Uuid = Ids.MeetingUuid(), AccountId = host.AccountId, HostId = host.Id, Timezone = host.Timezone,
                Password = Ids.Alphanumeric(6), EncryptedPassword = Ids.Alphanumeric(32), H323Password = Ids.Digits(6), CreatedAt = now,
                SettingsJson = DefaultSettings.ToJsonString(),
            };
            if (Apply(meeting, body, host, now, creating: true) is { } invalid)
            {
                return invalid;
            }

            d.Meetings.Add(meeting);
            return Results.Json(new JsonObject { ["id"] = meeting.Id });
        });
    }

    public IResult ControlDeleteMeeting(long meetingId)
    {
        var deleted = store.Write(d =>
        {
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId && !x.Deleted);
            if (m is null)
            {
                return false;
            }

            DeleteMeeting(d, m, d.Users.First(u => u.Id == m.HostId), time.GetUtcNow(), "control API");
            return true;
        });
        return deleted ? Results.Json(new JsonObject { ["deleted"] = true }) : Results.NotFound(new JsonObject { ["error"] = "no such meeting" });
    }

    /// <summary>Gives the meeting's current instance a chosen UUID (Zoom UUIDs may start with '/' or hold '//'), so tests can exercise double encoding.</summary>
    public async Task<IResult> ControlSetUuidAsync(HttpContext ctx, long meetingId)
    {
        var body = await JsonSerializer.DeserializeAsync<JsonObject>(ctx.Request.Body, cancellationToken: ctx.RequestAborted);
        var uuid = body?["uuid"]?.GetValue<string>();
        if (string.IsNullOrEmpty(uuid))
        {
            return Results.BadRequest(new JsonObject { ["error"] = "uuid is required" });
        }

        var ok = store.Write(d =>
        {
            var m = d.Meetings.FirstOrDefault(x => x.Id == meetingId && !x.Deleted);
            if (m is null || m.Status == "started" || d.Meetings.Any(x => x.Uuid == uuid) || d.PastInstances.Any(p => p.Uuid == uuid))
            {
                return false;
            }

            m.Uuid = uuid;
            return true;
        });
        return ok ? Results.Json(new JsonObject { ["uuid"] = uuid }) : Results.Conflict(new JsonObject { ["error"] = "no such waiting meeting, or the UUID is taken" });
    }

    /// <summary>
    /// As if an account admin added a user: <c>{"email":…, "first_name":…, "last_name":…, "type":1|2, "account_id":…}</c> (Sandbox Corp
    /// and licensed by default; password as the seed's). Answers <c>{"id":…}</c>.
    /// </summary>
    public async Task<IResult> ControlAddUserAsync(HttpContext ctx)
    {
        if (ParseBody(await ReadBodyAsync(ctx)) is not { } body || body["email"]?.GetValue<string>() is not { Length: > 3 } email || !email.Contains('@', StringComparison.Ordinal))
        {
            return Results.BadRequest(new JsonObject { ["error"] = "the body is a JSON object with an email" });
        }

        var accountId = body["account_id"]?.GetValue<string>() ?? "sbxAcctSandboxCorp01";
        var type = body["type"]?.GetValue<int>() ?? 2;
        var now = time.GetUtcNow();
        return store.Write(d =>
        {
            if (d.Accounts.All(a => a.Id != accountId))
            {
                return Results.NotFound(new JsonObject { ["error"] = "no such account" });
            }

            if (d.Users.Any(u => string.Equals(u.Email, email, StringComparison.OrdinalIgnoreCase)))
            {
                return Results.Conflict(new JsonObject { ["error"] = "the email is taken" });
            }

            var user = new SandboxUser
            {
                Id = Ids.UserId(), AccountId = accountId, Email = email, FirstName = body["first_name"]?.GetValue<string>() ?? "Pool",
                LastName = body["last_name"]?.GetValue<string>() ?? email.Split('@')[0], Password = SandboxStore.SeedPassword, Role = "member",
                Type = type is 1 ? 1 : 2, Timezone = "Asia/Tokyo", Pmi = 5_000_000_000 + System.Security.Cryptography.RandomNumberGenerator.GetInt32(1_000_000_000), CreatedAt = now,
            };
            d.Users.Add(user);
            return Results.Json(new JsonObject { ["id"] = user.Id });
        });
    }

    /// <summary>As if an admin of the user's account deactivated (<paramref name="delete"/> false) or deleted the user: sends the webhook.</summary>
    public IResult ControlRemoveUser(string user, bool delete)
    {
        var ok = store.Write(d =>
        {
            var u = d.Users.FirstOrDefault(x => (x.Id == user || string.Equals(x.Email, user, StringComparison.OrdinalIgnoreCase)) && x.Status != "deleted" && !x.IsAdmin);
            var admin = u is null ? null : d.Users.FirstOrDefault(x => x.AccountId == u.AccountId && x.IsAdmin && x.Status == "active");
            if (u is null || admin is null)
            {
                return false;
            }

            RemoveUser(d, u, admin, time.GetUtcNow(), delete);
            return true;
        });
        return ok ? Results.Json(new JsonObject { ["status"] = delete ? "deleted" : "inactive" }) : Results.NotFound(new JsonObject { ["error"] = "no such member" });
    }
}
