namespace Saiyo.Tests.Infrastructure;

/// <summary>Where a run leaves what a person reads after it: $SAIYO_TEST_ARTIFACTS (scripts/test.sh sets it) or the
/// repository's artifacts/, one folder per database.</summary>
public static class Artifacts
{
    /// <summary>artifacts/&lt;kind&gt;/&lt;db&gt;, created.</summary>
    public static string Dir(string kind)
    {
        var root = Environment.GetEnvironmentVariable("SAIYO_TEST_ARTIFACTS") ?? Path.Combine(FindRepoRoot(), "artifacts");
        var path = Path.Combine(root, kind, TestDatabase.IsPostgres ? "postgresql" : "sqlite");
        Directory.CreateDirectory(path);
        return path;
    }

    private static string FindRepoRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Saiyo.slnx"))) dir = dir.Parent;
        return dir?.FullName ?? Directory.GetCurrentDirectory();
    }
}
