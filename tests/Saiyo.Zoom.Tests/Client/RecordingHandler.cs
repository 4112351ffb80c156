using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Headers;
using System.Text;

namespace Saiyo.Zoom.Tests.Client;

/// <summary>A request as the fake Zoom saw it.</summary>
internal sealed record RecordedRequest(HttpMethod Method, Uri Uri, AuthenticationHeaderValue? Authorization, string? ContentType, string? Body)
{
    public string PathAndQuery => Uri.PathAndQuery;
}

/// <summary>
/// Stands in for the network: answers queued responses in order, records every request, and fails the test on any request
/// it was not told to expect.
/// </summary>
internal sealed class RecordingHandler : HttpMessageHandler
{
    private readonly ConcurrentQueue<Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>>> _responses = new();
    private readonly List<RecordedRequest> _requests = [];

    public IReadOnlyList<RecordedRequest> Requests
    {
        get
        {
            lock (_requests)
            {
                return [.. _requests];
            }
        }
    }

    public RecordingHandler Respond(HttpStatusCode status, string? json = null, Action<HttpResponseMessage>? configure = null) =>
        Enqueue((_, _) =>
        {
            var response = new HttpResponseMessage(status);
            if (json is not null)
            {
                response.Content = new StringContent(json, Encoding.UTF8, "application/json");
            }

            configure?.Invoke(response);
            return Task.FromResult(response);
        });

    public RecordingHandler Throw(Exception exception) => Enqueue((_, _) => Task.FromException<HttpResponseMessage>(exception));

    /// <summary>Never answers (until the pipeline's timeout cancels).</summary>
    public RecordingHandler Hang() => Enqueue(async (_, ct) =>
    {
        await Task.Delay(Timeout.InfiniteTimeSpan, ct);
        throw new InvalidOperationException("unreachable");
    });

    public RecordingHandler Enqueue(Func<RecordedRequest, CancellationToken, Task<HttpResponseMessage>> response)
    {
        _responses.Enqueue(response);
        return this;
    }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var body = request.Content is null ? null : await request.Content.ReadAsStringAsync(cancellationToken);
        var recorded = new RecordedRequest(
            request.Method, request.RequestUri!, request.Headers.Authorization, request.Content?.Headers.ContentType?.MediaType, body);
        lock (_requests)
        {
            _requests.Add(recorded);
        }

        if (!_responses.TryDequeue(out var respond))
        {
            throw new InvalidOperationException($"Unexpected request: {request.Method} {request.RequestUri}");
        }

        var response = await respond(recorded, cancellationToken);
        response.RequestMessage = request;
        return response;
    }
}
