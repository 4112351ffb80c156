using System.Net;

namespace Saiyo.Tests.Infrastructure;

/// <summary>Keeps cookies and follows redirects (GET after 302/303), as a browser would, in front of the test server.</summary>
public sealed class BrowserLikeHandler(CookieContainer cookies) : DelegatingHandler
{
    public CookieContainer Cookies { get; } = cookies;

    /// <summary>Follow redirects to other hosts too (Saiyo ⇄ the Zoom sandbox on its own port), as a browser does.</summary>
    public bool FollowOtherHosts { get; init; }

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        for (var hop = 0; ; hop++)
        {
            var uri = request.RequestUri!;
            var header = Cookies.GetCookieHeader(uri);
            request.Headers.Remove("Cookie");
            if (header.Length > 0) request.Headers.Add("Cookie", header);

            var response = await base.SendAsync(request, cancellationToken);
            if (response.Headers.TryGetValues("Set-Cookie", out var setCookies))
                foreach (var c in setCookies) Cookies.SetCookies(uri, c);

            var status = (int)response.StatusCode;
            if (status is not (301 or 302 or 303 or 307 or 308) || response.Headers.Location is null || hop >= 10)
                return response;

            var next = new Uri(uri, response.Headers.Location);
            if (!FollowOtherHosts && (!string.Equals(next.Host, uri.Host, StringComparison.OrdinalIgnoreCase) || next.Port != uri.Port))
                return response; // leaving Saiyo (e.g. to Zoom): let the test look at it
            var redirected = new HttpRequestMessage(status is 307 or 308 ? request.Method : HttpMethod.Get, next);
            foreach (var h in request.Headers.Where(h => h.Key is "Accept-Language"))
                redirected.Headers.TryAddWithoutValidation(h.Key, h.Value);
            response.Dispose();
            request = redirected;
        }
    }
}
