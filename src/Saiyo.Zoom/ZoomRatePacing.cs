using System.Net;
using Microsoft.Extensions.Options;

namespace Saiyo.Zoom;

/// <summary>Zoom's rate-limit labels: each API is Light, Medium or Heavy, limited per account per second by the plan.</summary>
public enum ZoomRateCategory
{
    Light,
    Medium,
    Heavy,
}

/// <summary>
/// Gives each API call of a linked account its turn, so that everything sent for the account (by every process that
/// shares the pacer's store) stays under Zoom's per-second limit of the call's category. The library's default lets every
/// call through; Saiyo's keeps the turns in its database.
/// </summary>
public interface IZoomRatePacer
{
    /// <summary>Waits until the call may be sent.</summary>
    ValueTask WaitTurnAsync(string connectionKey, ZoomRateCategory category, TimeSpan interval, CancellationToken cancellationToken);

    /// <summary>Zoom refused a call with a per-second 429: no call of the category is sent for the account before <paramref name="retryAfter"/> has passed.</summary>
    ValueTask RateLimitedAsync(string connectionKey, ZoomRateCategory category, TimeSpan retryAfter, CancellationToken cancellationToken);
}

/// <summary>Zoom's per-second limits per account (the Pro plan's by default, the lowest paid plan) and the share of them Saiyo uses.</summary>
public sealed class ZoomRateLimitOptions
{
    public int Light { get; set; } = 30;
    public int Medium { get; set; } = 20;
    public int Heavy { get; set; } = 10;

    /// <summary>
    /// Share of the limit paced for (0..1]. Pro's 20 creates/s at 0.95 is one call every 53 ms (18.9/s): a second at Zoom
    /// holds at most 19 turns, so one call that reaches Zoom late, in the next second, still fits. Lower it when other apps
    /// use the account too, or when requests may reach Zoom long after their turn (a badly overloaded node).
    /// </summary>
    public double Utilization { get; set; } = 0.95;

    /// <summary>The spacing between two calls of <paramref name="category"/> for one account.</summary>
    public TimeSpan Interval(ZoomRateCategory category)
    {
        var perSecond = category switch { ZoomRateCategory.Light => Light, ZoomRateCategory.Medium => Medium, _ => Heavy } * Utilization;
        return TimeSpan.FromMilliseconds(Math.Ceiling(1000 / perSecond)); // whole milliseconds, as the slots are kept
    }
}

internal sealed class UnpacedZoomCalls : IZoomRatePacer
{
    public ValueTask WaitTurnAsync(string connectionKey, ZoomRateCategory category, TimeSpan interval, CancellationToken cancellationToken) => ValueTask.CompletedTask;

    public ValueTask RateLimitedAsync(string connectionKey, ZoomRateCategory category, TimeSpan retryAfter, CancellationToken cancellationToken) => ValueTask.CompletedTask;
}

/// <summary>
/// Inside the retry pipeline, so every attempt (a retry too) waits for its turn; a per-second 429 is reported to the pacer,
/// so that no caller sharing it sends before Zoom's Retry-After.
/// </summary>
internal sealed class ZoomPacingHandler(IZoomRatePacer pacer, IOptionsMonitor<ZoomOptions> options, TimeProvider time) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (!request.Options.TryGetValue(ZoomHttp.ConnectionKey, out var key) || !request.Options.TryGetValue(ZoomHttp.CategoryKey, out var category))
        {
            return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        }

        await pacer.WaitTurnAsync(key, category, options.CurrentValue.RateLimits.Interval(category), cancellationToken).ConfigureAwait(false);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (response.StatusCode == HttpStatusCode.TooManyRequests && !ZoomHttp.IsDailyLimit(response.Headers))
        {
            await pacer.RateLimitedAsync(key, category, ZoomHttp.RetryAfter(response.Headers, time) ?? TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(false);
        }

        return response;
    }
}
