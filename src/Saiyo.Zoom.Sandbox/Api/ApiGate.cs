using System.Globalization;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox;

/// <summary>What an API handler knows about its call.</summary>
internal sealed record ApiCall(HttpContext Http, TokenGrant Grant, string Base, DateTimeOffset Now);

/// <summary>The pipeline every REST call goes through: bearer token, injected faults, per-second limits, the change, drop-after-commit.</summary>
internal sealed partial class SandboxHandlers
{
    private const string DailyLimitMessage = "You have exceeded the daily rate limit (100) of Meeting Create/Update API requests permitted for this particular user. You may resume these requests at GMT 00:00:00.";

    public static IResult ZoomError(int status, int code, string message) =>
        Results.Json(new JsonObject { ["code"] = code, ["message"] = message }, statusCode: status);

    public static IResult ValidationError(string field, string message = "Invalid field.") =>
        Results.Json(new JsonObject
        {
            ["code"] = 300,
            ["message"] = "Validation Failed.",
            ["errors"] = new JsonArray(new JsonObject { ["field"] = field, ["message"] = message }),
        }, statusCode: 400);

    /// <summary>Runs a REST call. <paramref name="mutates"/> decides whether the state is persisted afterwards.</summary>
    public async Task<IResult> ApiAsync(HttpContext ctx, string operation, string category, bool mutates, Func<ApiCall, SandboxData, IResult> handler)
    {
        var now = time.GetUtcNow();
        var header = ctx.Request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header[7..].Trim() : "";
        var grant = token.Length == 0 ? null : store.Read(d => d.Tokens.FirstOrDefault(t => Secrets.Equal(t.AccessToken, token)));
        if (grant is null || grant.RevokedReason is not null)
        {
            return ZoomError(401, 124, "Invalid access token.");
        }

        if (grant.AccessExpiresAt <= now)
        {
            return ZoomError(401, 124, "Access token is expired.");
        }

        var fault = faults.Take(operation, category.ToLowerInvariant());
        if (fault is not null)
        {
            var early = await PreFaultAsync(ctx, fault, operation, category);
            if (early is not null)
            {
                return early;
            }
        }

        // Counted in the second the request arrived (as Zoom counts), not after it waited for the store's lock above.
        var (allowed, limit, remaining) = rateLimiter.Hit(grant.AccountId, category, now);
        if (!allowed)
        {
            return Qps429(ctx, category, limit, remaining);
        }

        var call = new ApiCall(ctx, grant, Base(ctx), now);
        var result = mutates ? store.Write(d => handler(call, d)) : store.Read(d => handler(call, d));
        return fault is not null && fault.DropAfterCommitRate > 0 && Random.Shared.NextDouble() < fault.DropAfterCommitRate
            ? Drop(ctx, operation)
            : result;
    }

    private IResult Drop(HttpContext ctx, string operation)
    {
        Log.FaultInjected(logger, "drop-after-commit", operation);
        ctx.Abort();
        return Results.Empty;
    }

    private async Task<IResult?> PreFaultAsync(HttpContext ctx, SandboxFault fault, string operation, string category)
    {
        if (fault.LatencyMs > 0)
        {
            // Wall-clock latency: it is about how the client copes with slowness, not about the sandbox clock.
            await Task.Delay(fault.LatencyMs, ctx.RequestAborted);
        }

        if (fault.ErrorRate > 0 && Random.Shared.NextDouble() < fault.ErrorRate)
        {
            Log.FaultInjected(logger, fault.ErrorStatus.ToString(CultureInfo.InvariantCulture), operation);
            return ZoomError(fault.ErrorStatus, fault.ErrorStatus, "Internal Error (injected by the Zoom sandbox).");
        }

        switch (fault.Force429)
        {
            case "QPS":
                Log.FaultInjected(logger, "429 QPS", operation);
                return Qps429(ctx, category, RateLimiter.Limit(Options.Plan, Capitalize(category)), 0);
            case "Daily-limit":
                Log.FaultInjected(logger, "429 Daily-limit", operation);
                return Daily429(ctx, category);
            default:
                return null;
        }
    }

    private static string Capitalize(string s) => s.Length == 0 ? s : char.ToUpperInvariant(s[0]) + s[1..].ToLowerInvariant();

    private static IResult Qps429(HttpContext ctx, string category, int limit, int remaining)
    {
        var h = ctx.Response.Headers;
        h["X-RateLimit-Category"] = Capitalize(category);
        h["X-RateLimit-Type"] = "QPS";
        h["X-RateLimit-Limit"] = limit.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Remaining"] = remaining.ToString(CultureInfo.InvariantCulture);
        h.RetryAfter = "1";
        return ZoomError(429, 429, "You have reached the maximum per-second rate limit for this API. Try again later.");
    }

    private static IResult Daily429(HttpContext ctx, string category)
    {
        var h = ctx.Response.Headers;
        h["X-RateLimit-Category"] = Capitalize(category);
        h["X-RateLimit-Type"] = "Daily-limit";
        h["X-RateLimit-Limit"] = RateLimiter.DailyMeetingLimit.ToString(CultureInfo.InvariantCulture);
        h["X-RateLimit-Remaining"] = "0";
        return ZoomError(429, 429, DailyLimitMessage);
    }

    /// <summary>Counts one meeting create/update for the host; null when allowed, the 429 when over 100 today (UTC).</summary>
    private static IResult? DailyLimit(ApiCall call, SandboxData d, string hostId, string category)
    {
        var key = hostId + "|" + call.Now.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        d.DailyCounters.TryGetValue(key, out var used);
        if (used >= RateLimiter.DailyMeetingLimit)
        {
            d.DailyRefusals[key] = d.DailyRefusals.GetValueOrDefault(key) + 1;
            return Daily429(call.Http, category);
        }

        foreach (var stale in d.DailyCounters.Keys.Where(k => !k.EndsWith(key[key.IndexOf('|', StringComparison.Ordinal)..], StringComparison.Ordinal)).ToList())
        {
            d.DailyCounters.Remove(stale);
        }

        d.DailyCounters[key] = used + 1;
        return null;
    }
}
