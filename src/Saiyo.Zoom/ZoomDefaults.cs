namespace Saiyo.Zoom;

/// <summary>Every Zoom URL and name Saiyo uses, in one place.</summary>
public static class ZoomDefaults
{
    public const string OAuthHost = "https://zoom.us";
    public const string ApiBase = "https://api.zoom.us/v2";
}
