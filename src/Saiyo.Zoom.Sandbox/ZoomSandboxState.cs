using System.Text.Json.Nodes;
using Microsoft.Extensions.Options;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox;

/// <summary>What in-process tests can ask the sandbox (the HTTP control surface under _sandbox/ answers the same).</summary>
public sealed class ZoomSandboxState(SandboxStore store, FaultInjector faults, RateLimiter rateLimiter, IOptions<ZoomSandboxOptions> options)
{
    /// <summary>Accounts, users, installed apps, masked tokens, meetings (with deleted flag), registrants, participants, webhook deliveries, faults.</summary>
    public JsonObject Snapshot()
    {
        var o = store.Read(d => Describe(d, faults));
        o["qps_refusals"] = new JsonObject([.. rateLimiter.Refusals.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))]);
        var opt = options.Value;
        o["options"] = new JsonObject
        {
            ["path_prefix"] = opt.PathPrefix, ["public_base_url"] = opt.PublicBaseUrl, ["client_id"] = opt.ClientId, ["plan"] = opt.Plan,
            ["webhook_url"] = opt.WebhookUrl, ["redirect_uris"] = new JsonArray([.. opt.RedirectUris.Select(u => (JsonNode)u)]),
            ["webhook_retry_delays"] = new JsonArray([.. opt.WebhookRetryDelays.Select(t => (JsonNode)t.ToString("c", System.Globalization.CultureInfo.InvariantCulture))]),
        };
        return o;
    }

    public void SetFault(string scope, SandboxFault fault) => faults.Set(scope, fault);

    public void ClearFaults(string? scope = null) => faults.Clear(scope);

    /// <summary>Back to the seeded state (new user ids), faults and per-second windows cleared.</summary>
    public void Reset()
    {
        store.Reset(options.Value.Plan);
        faults.Clear();
        rateLimiter.Reset();
    }

    public IReadOnlyList<WebhookDelivery> Deliveries() => store.Read(d => d.Deliveries.ToList());

    internal static JsonObject Describe(SandboxData d, FaultInjector faults)
    {
        var o = new JsonObject
        {
            ["accounts"] = new JsonArray([.. d.Accounts.Select(a => (JsonNode)new JsonObject { ["id"] = a.Id, ["name"] = a.Name, ["plan"] = a.Plan })]),
            ["users"] = new JsonArray([.. d.Users.Select(u => (JsonNode)new JsonObject
            {
                ["id"] = u.Id, ["account_id"] = u.AccountId, ["email"] = u.Email, ["role"] = u.Role, ["type"] = u.Type, ["timezone"] = u.Timezone,
            })]),
            ["installations"] = new JsonArray([.. d.Installations.Select(i => (JsonNode)new JsonObject
            {
                ["account_id"] = i.AccountId, ["client_id"] = i.ClientId, ["installed_by"] = i.InstalledByUserId, ["installed_at"] = i.InstalledAt, ["scopes"] = i.Scopes,
            })]),
            ["tokens"] = new JsonArray([.. d.Tokens.Select(t => (JsonNode)new JsonObject
            {
                ["access_token"] = Ids.Mask(t.AccessToken), ["refresh_token"] = Ids.Mask(t.RefreshToken), ["account_id"] = t.AccountId, ["user_id"] = t.UserId,
                ["issued_at"] = t.IssuedAt, ["access_expires_at"] = t.AccessExpiresAt, ["refresh_used"] = t.RefreshUsed, ["revoked_reason"] = t.RevokedReason,
            })]),
            ["meetings"] = new JsonArray([.. d.Meetings.Select(m => (JsonNode)new JsonObject
            {
                ["id"] = m.Id, ["uuid"] = m.Uuid, ["account_id"] = m.AccountId, ["host_id"] = m.HostId, ["topic"] = m.Topic, ["agenda"] = m.Agenda,
                ["start_time"] = Formats.Utc(m.StartTime), ["duration"] = m.Duration, ["timezone"] = m.Timezone, ["status"] = m.Status,
                ["deleted"] = m.Deleted, ["deleted_at"] = m.DeletedAt, ["deleted_by"] = m.DeletedBy, ["created_at"] = Formats.Utc(m.CreatedAt),
            })]),
            ["registrants"] = new JsonArray([.. d.Registrants.Select(r => (JsonNode)new JsonObject
            {
                ["id"] = r.Id, ["meeting_id"] = r.MeetingId, ["email"] = r.Email, ["first_name"] = r.FirstName, ["last_name"] = r.LastName,
                ["status"] = r.Status, ["created_at"] = Formats.Utc(r.CreatedAt), ["status_changed_at"] = r.StatusChangedAt is { } c ? Formats.Utc(c) : null,
            })]),
            ["participants"] = new JsonArray([.. d.Participants.Select(p => (JsonNode)new JsonObject
            {
                ["id"] = p.Id, ["meeting_id"] = p.MeetingId, ["meeting_uuid"] = p.MeetingUuid, ["name"] = p.Name, ["email"] = p.Email, ["registrant_id"] = p.RegistrantId,
                ["join_time"] = Formats.Utc(p.JoinTime), ["leave_time"] = p.LeaveTime is { } l ? Formats.Utc(l) : null,
            })]),
            ["webhook_deliveries"] = new JsonArray([.. d.Deliveries.Select(w => (JsonNode)new JsonObject
            {
                ["id"] = w.Id, ["event"] = w.Event, ["url"] = w.Url, ["status"] = w.Status, ["attempts"] = w.Attempts, ["created_at"] = w.CreatedAt,
                ["next_attempt_at"] = w.NextAttemptAt, ["body"] = w.Body,
                ["history"] = new JsonArray([.. w.History.Select(h => (JsonNode)new JsonObject { ["at"] = h.At, ["status_code"] = h.StatusCode, ["error"] = h.Error })]),
            })]),
            ["daily_limit_refusals"] = new JsonObject([.. d.DailyRefusals.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, kv.Value))]),
            ["faults"] = new JsonObject([.. faults.All.Select(kv => new KeyValuePair<string, JsonNode?>(kv.Key, System.Text.Json.JsonSerializer.SerializeToNode(kv.Value)))]),
        };
        return o;
    }
}
