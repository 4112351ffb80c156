using System.Globalization;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;
using Saiyo.Zoom.Sandbox.Model;

namespace Saiyo.Zoom.Sandbox.Webhooks;

/// <summary>
/// Queues event notifications in the sandbox state and delivers them from a background loop, signed as
/// Zoom signs them, retried after <see cref="ZoomSandboxOptions.WebhookRetryDelays"/> (measured on the injected clock).
/// </summary>
public sealed class WebhookDispatcher(
    SandboxStore store,
    IHttpClientFactory httpClientFactory,
    IOptions<ZoomSandboxOptions> options,
    TimeProvider time,
    ILogger<WebhookDispatcher> logger) : BackgroundService
{
    public const string HttpClientName = "Saiyo.Zoom.Sandbox.Webhooks";
    private readonly SemaphoreSlim _wake = new(0);

    /// <summary>Adds an event to the queue; call inside <see cref="SandboxStore.Write{T}"/>.</summary>
    public void Enqueue(SandboxData data, string eventName, JsonObject payload)
    {
        var url = options.Value.WebhookUrl;
        if (string.IsNullOrEmpty(url))
        {
            Log.NoWebhookUrl(logger, eventName);
            return;
        }

        var now = time.GetUtcNow();
        var body = new JsonObject
        {
            ["event"] = eventName,
            ["event_ts"] = now.ToUnixTimeMilliseconds(),
            ["payload"] = payload,
        };
        data.Deliveries.Add(new WebhookDelivery
        {
            Id = Ids.Alphanumeric(16),
            Event = eventName,
            Body = body.ToJsonString(),
            Url = url,
            CreatedAt = now,
            NextAttemptAt = now,
        });
        _wake.Release();
    }

    /// <summary>Zoom's signature: v0=hex(HMAC-SHA256(secret token, "v0:{timestamp}:{body}")).</summary>
    public static string Sign(string secretToken, string timestamp, string body) =>
        "v0=" + Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(secretToken), Encoding.UTF8.GetBytes($"v0:{timestamp}:{body}")));

    /// <summary>Sends endpoint.url_validation now and checks the answer's encryptedToken.</summary>
    public async Task<UrlValidationResult> ValidateEndpointAsync(CancellationToken cancellationToken)
    {
        var url = options.Value.WebhookUrl;
        if (string.IsNullOrEmpty(url))
        {
            return new UrlValidationResult(false, null, "No webhook URL is configured.");
        }

        var plainToken = Ids.Alphanumeric(22);
        var body = new JsonObject
        {
            ["payload"] = new JsonObject { ["plainToken"] = plainToken },
            ["event_ts"] = time.GetUtcNow().ToUnixTimeMilliseconds(),
            ["event"] = "endpoint.url_validation",
        }.ToJsonString();
        try
        {
            using var response = await SendAsync(url, body, cancellationToken);
            var text = await response.Content.ReadAsStringAsync(cancellationToken);
            if (!response.IsSuccessStatusCode)
            {
                return new UrlValidationResult(false, (int)response.StatusCode, "The endpoint did not answer 200.");
            }

            var expected = Convert.ToHexStringLower(HMACSHA256.HashData(Encoding.UTF8.GetBytes(options.Value.WebhookSecretToken), Encoding.UTF8.GetBytes(plainToken)));
            using var doc = JsonDocument.Parse(text);
            var ok = doc.RootElement.TryGetProperty("plainToken", out var p) && p.GetString() == plainToken
                && doc.RootElement.TryGetProperty("encryptedToken", out var e)
                && CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(e.GetString() ?? ""), Encoding.UTF8.GetBytes(expected));
            return new UrlValidationResult(ok, (int)response.StatusCode, ok ? "Validated." : "The answer's plainToken/encryptedToken do not match.");
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException)
        {
            return new UrlValidationResult(false, null, "The endpoint could not be reached or answered no JSON: " + ex.GetType().Name);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            try
            {
                await DeliverDueAsync(stoppingToken);
                // Poll on the wall clock: the fake clock of tests only moves when a test moves it.
                await _wake.WaitAsync(TimeSpan.FromMilliseconds(100), stoppingToken);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex)
            {
                Log.DispatcherFailed(logger, ex);
            }
        }
    }

    private async Task DeliverDueAsync(CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        var due = store.Read(d => d.Deliveries.Where(x => x.Status == "pending" && x.NextAttemptAt <= now).Select(x => (x.Id, x.Url, x.Body, x.Event)).ToList());
        foreach (var (id, url, body, eventName) in due)
        {
            int? status = null;
            string? error = null;
            try
            {
                using var response = await SendAsync(url, body, cancellationToken);
                status = (int)response.StatusCode;
            }
            catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException && !cancellationToken.IsCancellationRequested)
            {
                error = ex is TaskCanceledException ? "timeout (3 s)" : ex.Message;
            }

            var delays = options.Value.WebhookRetryDelays;
            var attempt = store.Write(d =>
            {
                var delivery = d.Deliveries.First(x => x.Id == id);
                var at = time.GetUtcNow();
                delivery.Attempts++;
                delivery.History.Add(new WebhookAttempt { At = at, StatusCode = status, Error = error });
                if (status is >= 200 and < 300)
                {
                    delivery.Status = "delivered";
                }
                else if (delivery.Attempts <= delays.Length)
                {
                    delivery.NextAttemptAt = at + delays[delivery.Attempts - 1];
                }
                else
                {
                    delivery.Status = "failed";
                }

                return delivery.Attempts;
            });
            Log.WebhookAttempt(logger, eventName, id, attempt, status?.ToString(CultureInfo.InvariantCulture) ?? error ?? "?");
        }
    }

    private async Task<HttpResponseMessage> SendAsync(string url, string body, CancellationToken cancellationToken)
    {
        var timestamp = time.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        using var request = new HttpRequestMessage(HttpMethod.Post, url)
        {
            Content = new StringContent(body, Encoding.UTF8, new MediaTypeHeaderValue("application/json")),
        };
        request.Headers.Add("x-zm-request-timestamp", timestamp);
        request.Headers.Add("x-zm-signature", Sign(options.Value.WebhookSecretToken, timestamp, body));
        request.Headers.UserAgent.ParseAdd("Zoom Marketplace/1.0a");
        var client = httpClientFactory.CreateClient(HttpClientName);
        return await client.SendAsync(request, cancellationToken);
    }
}

public sealed record UrlValidationResult(bool Ok, int? StatusCode, string Message);
