namespace Saiyo.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => Assert.True(typeof(Program).Assembly.GetName().Name == "Saiyo.Web");
}
