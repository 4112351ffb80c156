using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox;

/// <summary>Zoom's REST API (v2) for users, meetings, registrants and past participants.</summary>
internal sealed partial class SandboxHandlers
{
    private static readonly TimeSpan PageTokenLifetime = TimeSpan.FromMinutes(15);

    private static readonly JsonObject DefaultSettings = new()
    {
        ["host_video"] = false, ["participant_video"] = false, ["cn_meeting"] = false, ["in_meeting"] = false, ["join_before_host"] = false,
        ["jbh_time"] = 0, ["mute_upon_entry"] = false, ["watermark"] = false, ["use_pmi"] = false, ["approval_type"] = 2,
        ["audio"] = "voip", ["auto_recording"] = "none", ["enforce_login"] = false, ["enforce_login_domains"] = "", ["alternative_hosts"] = "",
        ["close_registration"] = false, ["show_share_button"] = false, ["allow_multiple_devices"] = false, ["registrants_confirmation_email"] = true,
        ["waiting_room"] = true, ["request_permission_to_unmute_participants"] = false, ["registrants_email_notification"] = true,
        ["meeting_authentication"] = false, ["encryption_type"] = "enhanced_encryption", ["approved_or_denied_countries_or_regions"] = new JsonObject { ["enable"] = false },
        ["breakout_room"] = new JsonObject { ["enable"] = false }, ["alternative_hosts_email_notification"] = true, ["device_testing"] = false,
        ["focus_mode"] = false, ["private_meeting"] = false, ["email_notification"] = true, ["host_save_video_order"] = false,
    };

    /// <summary>A user of the caller's account; a deleted user does not exist any more.</summary>
    private static SandboxUser? FindUser(ApiCall call, SandboxData d, string userId) =>
        userId == "me"
            ? d.Users.FirstOrDefault(u => u.Id == call.Grant.UserId)
            : d.Users.FirstOrDefault(u => u.AccountId == call.Grant.AccountId && u.Status != "deleted"
                && (u.Id == userId || string.Equals(u.Email, userId, StringComparison.OrdinalIgnoreCase)));

    private static IResult UserNotFound(string userId) => ZoomError(404, 1001, $"User does not exist: {userId}.");

    private static IResult MeetingNotFound(string meetingId) => ZoomError(404, 3001, $"Meeting {meetingId} is not found or has expired.");

    private static SandboxMeeting? FindMeeting(ApiCall call, SandboxData d, string meetingId) =>
        long.TryParse(meetingId, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? d.Meetings.FirstOrDefault(m => m.Id == id && !m.Deleted && m.AccountId == call.Grant.AccountId)
            : null;

    private static IResult InvalidBody() => ZoomError(400, 300, "Request Body should be a valid JSON object.");

    /// <summary>The meeting a request names and its JSON body, or Zoom's answer when either is missing (the meeting first).</summary>
    private static IResult? FindMeetingWithBody(ApiCall call, SandboxData d, string meetingId, string raw, out SandboxMeeting meeting, out JsonObject body)
    {
        (meeting, body) = (null!, null!);
        if (FindMeeting(call, d, meetingId) is not { } found)
        {
            return MeetingNotFound(meetingId);
        }

        meeting = found;
        if (ParseBody(raw) is not { } parsed)
        {
            return InvalidBody();
        }

        body = parsed;
        return null;
    }

    // ---- paging ------------------------------------------------------------------------------------

    private static (int Size, int Offset, IResult? Error) Paging(ApiCall call, string kind, int defaultSize, int maxSize)
    {
        var q = call.Http.Request.Query;
        var size = defaultSize;
        if (q.TryGetValue("page_size", out var ps) && ps.ToString().Length > 0)
        {
            if (!int.TryParse(ps, NumberStyles.None, CultureInfo.InvariantCulture, out size) || size < 1)
            {
                return (0, 0, ValidationError("page_size"));
            }

            size = Math.Min(size, maxSize);
        }

        var token = q["next_page_token"].ToString();
        if (token.Length == 0)
        {
            return (size, 0, null);
        }

        // Opaque to clients: kind|offset|expiry (unix seconds), base64url.
        try
        {
            var parts = Encoding.UTF8.GetString(Convert.FromBase64String(token.Replace('-', '+').Replace('_', '/') + new string('=', (4 - token.Length % 4) % 4))).Split('|');
            if (parts.Length == 3 && parts[0] == kind && int.TryParse(parts[1], CultureInfo.InvariantCulture, out var offset)
                && long.TryParse(parts[2], CultureInfo.InvariantCulture, out var expiry))
            {
                return expiry < call.Now.ToUnixTimeSeconds()
                    ? (0, 0, ZoomError(400, 300, "The next page token is invalid or expired."))
                    : (size, offset, null);
            }
        }
        catch (FormatException)
        {
        }

        return (0, 0, ZoomError(400, 300, "The next page token is invalid or expired."));
    }

    private static string NextToken(ApiCall call, string kind, int nextOffset, int total) =>
        nextOffset >= total ? "" : Ids.Base64Url(Encoding.UTF8.GetBytes($"{kind}|{nextOffset}|{(call.Now + PageTokenLifetime).ToUnixTimeSeconds()}"));

    // ---- users -------------------------------------------------------------------------------------

    private static JsonObject UserJson(SandboxUser u, SandboxData d, bool detail)
    {
        var o = new JsonObject
        {
            ["id"] = u.Id, ["first_name"] = u.FirstName, ["last_name"] = u.LastName, ["display_name"] = u.DisplayName, ["email"] = u.Email,
            ["type"] = u.Type, ["pmi"] = u.Pmi, ["timezone"] = u.Timezone, ["verified"] = 1, ["dept"] = "",
            ["created_at"] = Formats.Utc(u.CreatedAt), ["user_created_at"] = Formats.Utc(u.CreatedAt), ["last_login_time"] = Formats.Utc(u.CreatedAt),
            ["last_client_version"] = "5.17.0.0 (mac)", ["status"] = u.Status,
            ["role_id"] = u.Role switch { "owner" => "0", "admin" => "1", _ => "2" },
        };
        if (detail)
        {
            var account = d.Accounts.First(a => a.Id == u.AccountId);
            o["account_id"] = account.Id;
            o["account_number"] = account.AccountNumber;
            o["role_name"] = u.Role switch { "owner" => "Owner", "admin" => "Admin", _ => "Member" };
            o["use_pmi"] = false;
            o["language"] = "en-US";
            o["cluster"] = "us06";
            o["login_types"] = new JsonArray(100);
            o["jid"] = u.Id.ToLowerInvariant() + "@xmpp.zoom.us";
            o["group_ids"] = new JsonArray();
            o["im_group_ids"] = new JsonArray();
            o["phone_number"] = "";
        }

        return o;
    }

    public Task<IResult> ListUsersAsync(HttpContext ctx) => ApiAsync(ctx, "users.list", "Medium", false, (call, d) =>
    {
        var (size, offset, error) = Paging(call, "users", 30, 300);
        if (error is not null)
        {
            return error;
        }

        var status = call.Http.Request.Query["status"].ToString();
        status = status.Length == 0 ? "active" : status;
        if (status is not ("active" or "inactive" or "pending"))
        {
            return ValidationError("status");
        }

        var all = d.Users.Where(u => u.AccountId == call.Grant.AccountId && u.Status == status).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        return Results.Json(new JsonObject
        {
            ["page_count"] = (all.Count + size - 1) / size,
            ["page_number"] = offset / size + 1,
            ["page_size"] = size,
            ["total_records"] = all.Count,
            ["next_page_token"] = NextToken(call, "users", offset + page.Count, all.Count),
            ["users"] = new JsonArray([.. page.Select(u => (JsonNode)UserJson(u, d, false))]),
        });
    });

    public Task<IResult> GetUserAsync(HttpContext ctx, string userId) => ApiAsync(ctx, "users.get", "Light", false, (call, d) =>
        FindUser(call, d, userId) is { } u ? Results.Json(UserJson(u, d, true)) : UserNotFound(userId));

    // ---- meetings ----------------------------------------------------------------------------------

    private string StartUrl(string baseUrl, SandboxMeeting m, DateTimeOffset now)
    {
        var expiry = (now + TimeSpan.FromHours(2)).ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        return $"{baseUrl}/s/{m.Id}?zak={expiry}.{Zak(m.Id, expiry)}";
    }

    /// <summary>A ZAK-like token: HMAC of meeting id and expiry (stateless, so it survives restarts).</summary>
    private string Zak(long meetingId, string expiry) =>
        Ids.Base64Url(HMACSHA256.HashData(Encoding.UTF8.GetBytes("zak:" + Options.ClientSecret), Encoding.UTF8.GetBytes($"{meetingId}|{expiry}")));

    private static string JoinUrl(string baseUrl, SandboxMeeting m) => $"{baseUrl}/j/{m.Id}?pwd={Uri.EscapeDataString(m.EncryptedPassword)}";

    private JsonObject MeetingJson(ApiCall call, SandboxData d, SandboxMeeting m, bool created)
    {
        var host = d.Users.First(u => u.Id == m.HostId);
        var o = new JsonObject
        {
            ["uuid"] = m.Uuid, ["id"] = m.Id, ["host_id"] = m.HostId, ["host_email"] = host.Email, ["assistant_id"] = "",
            ["topic"] = m.Topic, ["type"] = m.Type, ["status"] = m.Status, ["start_time"] = Formats.Utc(m.StartTime), ["duration"] = m.Duration,
            ["timezone"] = m.Timezone, ["agenda"] = m.Agenda, ["created_at"] = Formats.Utc(m.CreatedAt),
            ["start_url"] = StartUrl(call.Base, m, call.Now), ["join_url"] = JoinUrl(call.Base, m),
            ["password"] = m.Password, ["h323_password"] = m.H323Password, ["pstn_password"] = m.H323Password,
            ["encrypted_password"] = m.EncryptedPassword, ["settings"] = JsonNode.Parse(m.SettingsJson), ["pre_schedule"] = false,
        };
        return o;
    }

    private static bool TryParseStart(string value, TimeZoneInfo zone, out DateTimeOffset utc)
    {
        var inv = CultureInfo.InvariantCulture;
        utc = default;
        if (value.EndsWith('Z') || value.EndsWith('z'))
        {
            if (DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss'Z'", "yyyy-MM-dd'T'HH:mm:ss.FFFFFFF'Z'"], inv, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var z))
            {
                utc = new DateTimeOffset(DateTime.SpecifyKind(z, DateTimeKind.Utc)).AddTicks(-(z.Ticks % TimeSpan.TicksPerSecond));
                return true;
            }

            return false;
        }

        if (DateTimeOffset.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:sszzz"], inv, DateTimeStyles.None, out var withOffset))
        {
            utc = withOffset.ToUniversalTime();
            return true;
        }

        if (!DateTime.TryParseExact(value, ["yyyy-MM-dd'T'HH:mm:ss", "yyyy-MM-dd'T'HH:mm"], inv, DateTimeStyles.None, out var local))
        {
            return false;
        }

        // Local clock time in the meeting's time zone; a time skipped by a DST change moves forward by the gap.
        local = DateTime.SpecifyKind(local, DateTimeKind.Unspecified);
        if (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }

        utc = new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
        return true;
    }

    private static TimeZoneInfo? Zone(string? id)
    {
        if (string.IsNullOrEmpty(id))
        {
            return null;
        }

        return TimeZoneInfo.TryFindSystemTimeZoneById(id, out var zone) ? zone : null;
    }

    private static JsonObject? ParseBody(string raw)
    {
        try
        {
            return JsonNode.Parse(raw.Length == 0 ? "{}" : raw) as JsonObject;
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>Applies topic/type/start_time/duration/timezone/agenda/password/settings from a create or PATCH body.</summary>
    private static IResult? Apply(SandboxMeeting m, JsonObject body, SandboxUser host, DateTimeOffset now, bool creating)
    {
        string? Str(string k, out bool bad)
        {
            bad = false;
            if (!body.TryGetPropertyValue(k, out var n) || n is null) return null;
            if (n is JsonValue v && v.TryGetValue<string>(out var s)) return s;
            bad = true;
            return null;
        }

        int? Int(string k, out bool bad)
        {
            bad = false;
            if (!body.TryGetPropertyValue(k, out var n) || n is null) return null;
            if (n is JsonValue v && (v.TryGetValue<int>(out var i) || v.TryGetValue<string>(out var s) && int.TryParse(s, CultureInfo.InvariantCulture, out i))) return i;
            bad = true;
            return null;
        }

        var topic = Str("topic", out var bad);
        if (bad || topic is { Length: > 200 }) return ValidationError("topic");
        var agenda = Str("agenda", out bad);
        if (bad || agenda is { Length: > 2000 }) return ValidationError("agenda");
        var type = Int("type", out bad);
        if (bad || type is not (null or 1 or 2 or 3 or 8)) return ValidationError("type");
        var duration = Int("duration", out bad);
        if (bad || duration is < 0) return ValidationError("duration");
        var timezone = Str("timezone", out bad);
        if (bad) return ValidationError("timezone");
        var password = Str("password", out bad);
        if (bad || password is { Length: > 10 } || password is not null && password.Any(c => !char.IsAsciiLetterOrDigit(c) && c is not ('@' or '-' or '_' or '*')))
        {
            return ValidationError("password", "Password can only have a maximum of 10 characters and may contain [a-zA-Z0-9@-_*].");
        }

        var startTime = Str("start_time", out bad);
        if (bad) return ValidationError("start_time");
        JsonObject? settings = null;
        if (body.TryGetPropertyValue("settings", out var sn) && sn is not null)
        {
            settings = sn as JsonObject;
            if (settings is null) return ValidationError("settings");
            if (settings.TryGetPropertyValue("approval_type", out var at) && at is not null
                && !(at is JsonValue av && av.TryGetValue<int>(out var ati) && ati is >= 0 and <= 2))
            {
                return ValidationError("settings.approval_type");
            }
        }

        // The zone a local start_time is read in: the given one when Zoom knows it, else the host's.
        var zoneId = Zone(timezone) is not null ? timezone! : creating ? host.Timezone : m.Timezone;
        var zone = Zone(zoneId) ?? TimeZoneInfo.Utc;
        DateTimeOffset? start = null;
        if (startTime is { Length: > 0 })
        {
            if (!TryParseStart(startTime, zone, out var parsed)) return ValidationError("start_time");
            start = parsed;
        }

        if (topic is not null) m.Topic = topic;
        if (agenda is not null) m.Agenda = agenda;
        if (type is not null) m.Type = type.Value;
        if (duration is not null) m.Duration = duration.Value;
        if (timezone is not null || creating) m.Timezone = zoneId;
        if (password is not null) m.Password = password;
        if (start is not null) m.StartTime = start.Value;
        else if (creating) m.StartTime = new DateTimeOffset(now.UtcTicks - now.UtcTicks % TimeSpan.TicksPerSecond, TimeSpan.Zero);
        if (settings is not null)
        {
            var merged = JsonNode.Parse(m.SettingsJson)!.AsObject();
            foreach (var (k, v) in settings)
            {
                merged[k] = v?.DeepClone();
            }

            m.SettingsJson = merged.ToJsonString();
        }

        return null;
    }

    public async Task<IResult> CreateMeetingAsync(HttpContext ctx, string userId)
    {
        var raw = await ReadBodyAsync(ctx);
        return await ApiAsync(ctx, "meetings.create", "Medium", true, (call, d) =>
        {
            var host = FindUser(call, d, userId);
            if (host is null)
            {
                return ZoomError(404, 1001, $"User {userId} not exist or not belong to this account.");
            }

            if (host.Status != "active")
            {
                return ZoomError(400, 3161, $"User {userId} is not active: meetings cannot be scheduled for this user.");
            }

            var body = ParseBody(raw);
            if (body is null)
            {
                return InvalidBody();
            }

            if (DailyLimit(call, d, host.Id, "Medium") is { } limited)
            {
                return limited;
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
                Password = Ids.Alphanumeric(6), EncryptedPassword = Ids.Alphanumeric(32), H323Password = Ids.Digits(6), CreatedAt = call.Now,
                SettingsJson = DefaultSettings.ToJsonString(),
            };
            if (Apply(meeting, body, host, call.Now, creating: true) is { } invalid)
            {
                return invalid;
            }

            d.Meetings.Add(meeting);
            var json = MeetingJson(call, d, meeting, created: true);
            ctx.Response.Headers.Location = $"{call.Base}/v2/meetings/{meeting.Id}";
            return Results.Json(json, statusCode: 201);
        });
    }

    private static async Task<string> ReadBodyAsync(HttpContext ctx)
    {
        using var reader = new StreamReader(ctx.Request.Body, Encoding.UTF8);
        return await reader.ReadToEndAsync(ctx.RequestAborted);
    }

    public Task<IResult> ListMeetingsAsync(HttpContext ctx, string userId) => ApiAsync(ctx, "meetings.list", "Medium", false, (call, d) =>
    {
        var host = FindUser(call, d, userId);
        if (host is null)
        {
            return ZoomError(404, 1001, $"User {userId} not exist or not belong to this account.");
        }

        var (size, offset, error) = Paging(call, "meetings", 30, 300);
        if (error is not null)
        {
            return error;
        }

        var all = d.Meetings.Where(m => m.HostId == host.Id && !m.Deleted).OrderBy(m => m.StartTime).ThenBy(m => m.Id).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        return Results.Json(new JsonObject
        {
            ["page_size"] = size,
            ["total_records"] = all.Count,
            ["next_page_token"] = NextToken(call, "meetings", offset + page.Count, all.Count),
            ["meetings"] = new JsonArray([.. page.Select(m => (JsonNode)new JsonObject
            {
                ["uuid"] = m.Uuid, ["id"] = m.Id, ["host_id"] = m.HostId, ["topic"] = m.Topic, ["type"] = m.Type,
                ["start_time"] = Formats.Utc(m.StartTime), ["duration"] = m.Duration, ["timezone"] = m.Timezone, ["agenda"] = m.Agenda,
                ["created_at"] = Formats.Utc(m.CreatedAt), ["join_url"] = JoinUrl(call.Base, m),
            })]),
        });
    });

    public Task<IResult> GetMeetingAsync(HttpContext ctx, string meetingId) => ApiAsync(ctx, "meetings.get", "Light", false, (call, d) =>
        FindMeeting(call, d, meetingId) is { } m ? Results.Json(MeetingJson(call, d, m, created: false)) : MeetingNotFound(meetingId));

    public async Task<IResult> UpdateMeetingAsync(HttpContext ctx, string meetingId)
    {
        var raw = await ReadBodyAsync(ctx);
        return await ApiAsync(ctx, "meetings.update", "Light", true, (call, d) =>
        {
            if (FindMeetingWithBody(call, d, meetingId, raw, out var m, out var body) is { } notFoundOrInvalid)
            {
                return notFoundOrInvalid;
            }

            if (DailyLimit(call, d, m.HostId, "Light") is { } limited)
            {
                return limited;
            }

            // Validate on a copy so that a rejected PATCH changes nothing.
            var copy = JsonSerializer.Deserialize<SandboxMeeting>(JsonSerializer.Serialize(m))!;
            var host = d.Users.First(u => u.Id == m.HostId);
            if (Apply(copy, body, host, call.Now, creating: false) is { } invalid)
            {
                return invalid;
            }

            (m.Topic, m.Agenda, m.Type, m.Duration, m.Timezone, m.Password, m.StartTime, m.SettingsJson) =
                (copy.Topic, copy.Agenda, copy.Type, copy.Duration, copy.Timezone, copy.Password, copy.StartTime, copy.SettingsJson);
            return Results.NoContent();
        });
    }

    public Task<IResult> DeleteMeetingAsync(HttpContext ctx, string meetingId) => ApiAsync(ctx, "meetings.delete", "Light", true, (call, d) =>
    {
        var m = FindMeeting(call, d, meetingId);
        if (m is null)
        {
            return MeetingNotFound(meetingId);
        }

        if (m.Status == "started")
        {
            return ZoomError(400, 3002, "Sorry, you cannot delete this meeting since it is in progress.");
        }

        var operatorUser = d.Users.First(u => u.Id == call.Grant.UserId);
        DeleteMeeting(d, m, operatorUser, call.Now, "api");
        return Results.NoContent();
    });

    /// <summary>Marks a meeting deleted and queues meeting.deleted (sent for API and page deletes alike, as Zoom does for subscribed apps).</summary>
    private void DeleteMeeting(SandboxData d, SandboxMeeting m, SandboxUser operatorUser, DateTimeOffset now, string via)
    {
        m.Deleted = true;
        m.DeletedAt = now;
        m.DeletedBy = $"{operatorUser.Email} ({via})";
        webhooks.Enqueue(d, "meeting.deleted", new JsonObject
        {
            ["account_id"] = m.AccountId,
            ["operator"] = operatorUser.Email,
            ["operator_id"] = operatorUser.Id,
            ["operation"] = "single",
            ["object"] = MeetingEventObject(m),
        });
    }

    /// <summary>
    /// An admin deactivates or deletes a member: <c>user.deactivated</c> / <c>user.deleted</c> go to the app. A deactivated
    /// user keeps its meetings (nobody can start them); a deleted user's meetings are gone with it (no meeting.deleted, as at Zoom).
    /// </summary>
    private void RemoveUser(SandboxData d, SandboxUser user, SandboxUser operatorUser, DateTimeOffset now, bool delete)
    {
        user.Status = delete ? "deleted" : "inactive";
        if (delete)
        {
            foreach (var m in d.Meetings.Where(m => m.HostId == user.Id && !m.Deleted))
            {
                m.Deleted = true;
                m.DeletedAt = now;
                m.DeletedBy = $"{operatorUser.Email} (user deleted)";
            }
        }

        webhooks.Enqueue(d, delete ? "user.deleted" : "user.deactivated", new JsonObject
        {
            ["account_id"] = user.AccountId,
            ["operator"] = operatorUser.Email,
            ["operator_id"] = operatorUser.Id,
            ["object"] = new JsonObject
            {
                ["id"] = user.Id, ["first_name"] = user.FirstName, ["last_name"] = user.LastName, ["email"] = user.Email, ["type"] = user.Type,
            },
        });
    }

    private static JsonObject MeetingEventObject(SandboxMeeting m) => new()
    {
        ["uuid"] = m.Uuid, ["id"] = m.Id, ["host_id"] = m.HostId, ["topic"] = m.Topic, ["type"] = m.Type,
        ["start_time"] = Formats.Utc(m.StartTime), ["duration"] = m.Duration, ["timezone"] = m.Timezone,
    };

    // ---- registrants and past participants ---------------------------------------------------------

    public async Task<IResult> AddRegistrantAsync(HttpContext ctx, string meetingId)
    {
        var raw = await ReadBodyAsync(ctx);
        return await ApiAsync(ctx, "registrants.create", "Light", true, (call, d) =>
        {
            if (FindMeetingWithBody(call, d, meetingId, raw, out var m, out var body) is { } notFoundOrInvalid)
            {
                return notFoundOrInvalid;
            }

            var email = body["email"] is JsonValue ev && ev.TryGetValue<string>(out var e) ? e.Trim() : "";
            var first = body["first_name"] is JsonValue fv && fv.TryGetValue<string>(out var f) ? f.Trim() : "";
            var last = body["last_name"] is JsonValue lv && lv.TryGetValue<string>(out var l) ? l.Trim() : "";
            if (email.Length == 0 || !email.Contains('@', StringComparison.Ordinal))
            {
                return ValidationError("email");
            }

            if (first.Length == 0)
            {
                return ValidationError("first_name");
            }

            var approval = JsonNode.Parse(m.SettingsJson)!["approval_type"]?.GetValue<int>() ?? 2;
            if (approval == 2)
            {
                return ZoomError(400, 3000, $"Registration has not been enabled for this meeting: {m.Id}.");
            }

            // Zoom answers a second registration of the same email with the existing one; a cancelled one registers anew.
            var registrant = d.Registrants.FirstOrDefault(r => r.MeetingId == m.Id && r.Status is "approved" or "pending"
                && string.Equals(r.Email, email, StringComparison.OrdinalIgnoreCase));
            if (registrant is null)
            {
                registrant = new SandboxRegistrant
                {
                    Id = Ids.Alphanumeric(22), MeetingId = m.Id, Email = email, FirstName = first, LastName = last, JoinToken = Ids.Secret(24),
                    Status = approval == 0 ? "approved" : "pending", CreatedAt = call.Now,
                };
                d.Registrants.Add(registrant);
            }

            var o = new JsonObject
            {
                ["id"] = m.Id, ["registrant_id"] = registrant.Id, ["topic"] = m.Topic, ["start_time"] = Formats.Utc(m.StartTime),
                ["occurrences"] = new JsonArray(),
            };
            if (approval == 0)
            {
                o["join_url"] = RegistrantJoinUrl(call.Base, m, registrant);
            }

            return Results.Json(o, statusCode: 201);
        });
    }

    private static string RegistrantJoinUrl(string baseUrl, SandboxMeeting m, SandboxRegistrant r) =>
        $"{baseUrl}/j/{m.Id}?tk={Uri.EscapeDataString(r.JoinToken)}&pwd={Uri.EscapeDataString(m.EncryptedPassword)}";

    private static bool RegistrationEnabled(SandboxMeeting m) => (JsonNode.Parse(m.SettingsJson)!["approval_type"]?.GetValue<int>() ?? 2) != 2;

    private static IResult RegistrationNotEnabled(SandboxMeeting m) => ZoomError(400, 3000, $"Registration has not been enabled for this meeting: {m.Id}.");

    public Task<IResult> ListRegistrantsAsync(HttpContext ctx, string meetingId) => ApiAsync(ctx, "registrants.list", "Medium", false, (call, d) =>
    {
        var m = FindMeeting(call, d, meetingId);
        if (m is null)
        {
            return MeetingNotFound(meetingId);
        }

        if (!RegistrationEnabled(m))
        {
            return RegistrationNotEnabled(m);
        }

        var status = call.Http.Request.Query["status"].ToString();
        status = status.Length == 0 ? "approved" : status;
        if (status is not ("approved" or "pending" or "denied"))
        {
            return ValidationError("status");
        }

        var (size, offset, error) = Paging(call, "registrants", 30, 300);
        if (error is not null)
        {
            return error;
        }

        // Cancelled registrations are no longer approved; Zoom's list has no "cancelled" status, so they show with the denied.
        var all = d.Registrants.Where(r => r.MeetingId == m.Id && (r.Status == status || status == "denied" && r.Status == "cancelled"))
            .OrderBy(r => r.CreatedAt).ThenBy(r => r.Id, StringComparer.Ordinal).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        return Results.Json(new JsonObject
        {
            ["page_count"] = (all.Count + size - 1) / size,
            ["page_number"] = offset / size + 1,
            ["page_size"] = size,
            ["total_records"] = all.Count,
            ["next_page_token"] = NextToken(call, "registrants", offset + page.Count, all.Count),
            ["registrants"] = new JsonArray([.. page.Select(r =>
            {
                var o = new JsonObject
                {
                    ["id"] = r.Id, ["email"] = r.Email, ["first_name"] = r.FirstName, ["last_name"] = r.LastName,
                    ["status"] = r.Status == "cancelled" ? "denied" : r.Status, ["create_time"] = Formats.Utc(r.CreatedAt),
                    ["custom_questions"] = new JsonArray(),
                };
                if (r.Status == "approved")
                {
                    o["join_url"] = RegistrantJoinUrl(call.Base, m, r);
                }

                return (JsonNode)o;
            })]),
        });
    });

    public async Task<IResult> UpdateRegistrantStatusAsync(HttpContext ctx, string meetingId)
    {
        var raw = await ReadBodyAsync(ctx);
        return await ApiAsync(ctx, "registrants.status", "Medium", true, (call, d) =>
        {
            if (FindMeetingWithBody(call, d, meetingId, raw, out var m, out var body) is { } notFoundOrInvalid)
            {
                return notFoundOrInvalid;
            }

            var action = body["action"] is JsonValue av && av.TryGetValue<string>(out var a) ? a : "";
            if (action is not ("approve" or "cancel" or "deny"))
            {
                return ValidationError("action");
            }

            if (!RegistrationEnabled(m))
            {
                return RegistrationNotEnabled(m);
            }

            var refs = new List<(string? Id, string? Email)>();
            if (body["registrants"] is { } list)
            {
                if (list is not JsonArray items || items.Count > 30)
                {
                    return ValidationError("registrants");
                }

                foreach (var item in items)
                {
                    if (item is not JsonObject ro)
                    {
                        return ValidationError("registrants");
                    }

                    refs.Add((ro["id"] is JsonValue iv && iv.TryGetValue<string>(out var i) ? i : null, ro["email"] is JsonValue ev && ev.TryGetValue<string>(out var e) ? e : null));
                }
            }

            // Registrants are matched by id (else by email); unknown ones are left alone. A status already set stays (idempotent).
            foreach (var r in d.Registrants.Where(r => r.MeetingId == m.Id))
            {
                if (!refs.Any(x => x.Id is not null ? x.Id == r.Id : string.Equals(x.Email, r.Email, StringComparison.OrdinalIgnoreCase)))
                {
                    continue;
                }

                var next = (action, r.Status) switch
                {
                    ("cancel", "approved") => "cancelled",
                    ("approve", "pending" or "denied") => "approved",
                    ("deny", "pending" or "approved") => "denied",
                    _ => r.Status,
                };
                if (next != r.Status)
                {
                    r.Status = next;
                    r.StatusChangedAt = call.Now;
                }
            }

            return Results.NoContent();
        });
    }

    public Task<IResult> DeleteRegistrantAsync(HttpContext ctx, string meetingId, string registrantId) => ApiAsync(ctx, "registrants.delete", "Light", true, (call, d) =>
    {
        var m = FindMeeting(call, d, meetingId);
        if (m is null)
        {
            return ZoomError(404, 3001, $"Meeting does not exist: {meetingId}.");
        }

        if (!RegistrationEnabled(m))
        {
            return ZoomError(400, 404, $"Registration has not been enabled for this meeting: {m.Id}.");
        }

        var r = d.Registrants.FirstOrDefault(x => x.MeetingId == m.Id && x.Id == registrantId);
        if (r is null)
        {
            return ZoomError(400, 300, "The value that you entered for the Registrant ID field is invalid. Enter a valid value and try again.");
        }

        d.Registrants.Remove(r);
        return Results.NoContent();
    });

    public Task<IResult> PastParticipantsAsync(HttpContext ctx) => ApiAsync(ctx, "participants.list", "Medium", false, (call, d) =>
    {
        var key = PastMeetingKey(ctx);
        if (key is null)
        {
            return ZoomError(404, 3001, "This meeting is not available or ID is not valid.");
        }

        string? uuid = null;
        if (long.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var numericId))
        {
            uuid = d.PastInstances.Where(p => p.MeetingId == numericId).OrderByDescending(p => p.EndTime).FirstOrDefault()?.Uuid;
        }
        else if (d.PastInstances.Any(p => p.Uuid == key))
        {
            uuid = key;
        }

        var meetingOk = uuid is not null && d.PastInstances.First(p => p.Uuid == uuid) is var inst
            && d.Meetings.Any(m => m.Id == inst.MeetingId && m.AccountId == call.Grant.AccountId);
        if (!meetingOk)
        {
            return ZoomError(404, 3001, "This meeting is not available or ID is not valid.");
        }

        var (size, offset, error) = Paging(call, "participants", 30, 300);
        if (error is not null)
        {
            return error;
        }

        var all = d.Participants.Where(p => p.MeetingUuid == uuid).OrderBy(p => p.JoinTime).ToList();
        var page = all.Skip(offset).Take(size).ToList();
        // As at Zoom, registrant_id is in the response only when asked for.
        var withRegistrant = call.Http.Request.Query["include_fields"].ToString()
            .Split(',', StringSplitOptions.TrimEntries).Contains("registrant_id", StringComparer.Ordinal);
        return Results.Json(new JsonObject
        {
            ["page_count"] = (all.Count + size - 1) / size,
            ["page_size"] = size,
            ["total_records"] = all.Count,
            ["next_page_token"] = NextToken(call, "participants", offset + page.Count, all.Count),
            ["participants"] = new JsonArray([.. page.Select(p =>
            {
                var o = new JsonObject
                {
                    ["id"] = p.UserId ?? p.Id, ["name"] = p.Name, ["user_id"] = p.Id, ["user_email"] = p.Email,
                    ["join_time"] = Formats.Utc(p.JoinTime), ["leave_time"] = Formats.Utc(p.LeaveTime ?? call.Now),
                    ["duration"] = (int)((p.LeaveTime ?? call.Now) - p.JoinTime).TotalSeconds, ["failover"] = false, ["status"] = "in_meeting",
                };
                if (withRegistrant)
                {
                    o["registrant_id"] = p.RegistrantId ?? "";
                }

                return (JsonNode)o;
            })]),
        });
    });

    /// <summary>
    /// The meeting ID or UUID of /past_meetings/{x}/participants, read from the raw request target. As at Zoom, a UUID that
    /// starts with '/' or holds '//' only works double-encoded: sent single-encoded, Zoom's gateway sees a broken path.
    /// </summary>
    private static string? PastMeetingKey(HttpContext ctx)
    {
        var raw = ctx.Features.Get<Microsoft.AspNetCore.Http.Features.IHttpRequestFeature>()?.RawTarget ?? ctx.Request.Path.Value ?? "";
        var q = raw.IndexOf('?', StringComparison.Ordinal);
        if (q >= 0) raw = raw[..q];
        const string marker = "/past_meetings/";
        var start = raw.IndexOf(marker, StringComparison.Ordinal);
        var end = raw.LastIndexOf("/participants", StringComparison.Ordinal);
        if (start < 0 || end <= start + marker.Length) return null;
        var once = Uri.UnescapeDataString(raw[(start + marker.Length)..end]);
        if (once.Contains('%', StringComparison.Ordinal))
        {
            return Uri.UnescapeDataString(once);
        }

        return once.StartsWith('/') || once.Contains("//", StringComparison.Ordinal) ? null : once;
    }
}
