namespace Saiyo.Zoom.Tests;

public class ZoomDefaultsTests
{
    [Fact]
    public void Api_base_is_https() => Assert.StartsWith("https://", ZoomDefaults.ApiBase, StringComparison.Ordinal);
}
