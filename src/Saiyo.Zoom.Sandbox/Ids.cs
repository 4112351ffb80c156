using System.Security.Cryptography;

namespace Saiyo.Zoom.Sandbox;

internal static class Ids
{
    private const string Alnum = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

    public static string UserId() => RandomNumberGenerator.GetString(Alnum + "-_", 22);

    public static string Alphanumeric(int length) => RandomNumberGenerator.GetString(Alnum, length);

    public static string Digits(int length) => RandomNumberGenerator.GetString("0123456789", length);

    /// <summary>Zoom-like meeting UUID: base64 of 16 random bytes (may contain '/' or start with it).</summary>
    public static string MeetingUuid() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(16));

    /// <summary>An opaque secret (token, code, key).</summary>
    public static string Secret(int bytes = 32) => Base64Url(RandomNumberGenerator.GetBytes(bytes));

    public static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>11-digit meeting number (Zoom IDs exceed 10 digits).</summary>
    public static long MeetingId() => 80_000_000_000 + RandomNumberGenerator.GetInt32(int.MaxValue) * 9L % 19_999_999_999;

    public static string Mask(string secret) => secret.Length <= 4 ? "…" : secret[..4] + "…";
}
