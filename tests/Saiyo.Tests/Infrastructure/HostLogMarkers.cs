using System.Reflection;
using Saiyo.Tests.Infrastructure;
using Xunit.v3;

[assembly: HostLogMarkers]

namespace Saiyo.Tests.Infrastructure;

/// <summary>Writes each test's start and end into its class's host log (<see cref="TestHostLog"/>), so that a failing
/// test's lines are found between its two markers (a class's tests run one after another).</summary>
[AttributeUsage(AttributeTargets.Assembly)]
public sealed class HostLogMarkersAttribute : BeforeAfterTestAttribute
{
    public override void Before(MethodInfo methodUnderTest, IXunitTest test) =>
        TestHostLog.Mark($"──── start {test.TestDisplayName}");

    public override void After(MethodInfo methodUnderTest, IXunitTest test) =>
        TestHostLog.Mark($"──── end   {test.TestDisplayName}");
}
