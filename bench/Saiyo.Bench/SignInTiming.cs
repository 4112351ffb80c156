using System.Diagnostics;
using System.Net;
using Microsoft.AspNetCore.Identity;
using Saiyo.Data.Staff;

namespace Saiyo.Bench;

/// <summary>
/// Median time of a failed sign-in for a known and for an unknown e-mail (issue 13: the answer time must not tell which
/// e-mails exist). Known accounts get at most four wrong passwords each, so every known sample is the wrong-password
/// path, not the lock-out. Samples alternate so that the machine's noise falls on both alike.
/// </summary>
public static class SignInTiming
{
    private const int Accounts = 15, AttemptsPerAccount = 4;

    public static async Task RunAsync(SaiyoRun run, DbResult result)
    {
        Console.WriteLine("   sign-in: known vs unknown e-mail");
        var known = new List<string>();
        await using (var scope = run.Services.Services.CreateAsyncScope())
        {
            var users = scope.ServiceProvider.GetRequiredService<UserManager<StaffUser>>();
            for (var i = 0; i < Accounts; i++)
            {
                var email = $"bench-signin-{i}-{Guid.NewGuid():N}@demo.saiyo.test";
                var user = new StaffUser { UserName = email, Email = email, DisplayName = "bench", CompanyId = run.CompanyId, CreatedAtUtc = DateTime.UtcNow };
                var created = await users.CreateAsync(user, "Bench-Signin-Pass1");
                if (!created.Succeeded) throw new InvalidOperationException(string.Join("; ", created.Errors.Select(e => e.Description)));
                known.Add(email);
            }
        }

        using var client = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer(), AllowAutoRedirect = false })
        {
            BaseAddress = new Uri(run.BaseUrl), Timeout = TimeSpan.FromSeconds(60),
        };
        var login = new Uri(run.BaseUrl + "/Account/Login");
        async Task<double> AttemptAsync(string email)
        {
            var form = Form.Parse(await client.GetStringAsync(login), "Input.Email");
            form.Fields["Input.Email"] = email;
            form.Fields["Input.Password"] = "Wrong-Password-9";
            var watch = Stopwatch.StartNew();
            using var response = await form.SubmitAsync(client, login);
            await response.Content.ReadAsStringAsync();
            watch.Stop();
            if (response.StatusCode != HttpStatusCode.OK) throw new InvalidOperationException($"sign-in answered {(int)response.StatusCode}");
            return watch.Elapsed.TotalMilliseconds;
        }

        await AttemptAsync($"warm-up-{Guid.NewGuid():N}@example.test");
        var knownMs = new List<double>();
        var unknownMs = new List<double>();
        for (var attempt = 0; attempt < AttemptsPerAccount; attempt++)
        {
            foreach (var email in known)
            {
                knownMs.Add(await AttemptAsync(email));
                unknownMs.Add(await AttemptAsync($"nobody-{Guid.NewGuid():N}@demo.saiyo.test"));
            }
        }
        result.SignInKnownMs = Median(knownMs);
        result.SignInUnknownMs = Median(unknownMs);
        result.SignInSamples = knownMs.Count;
        Console.WriteLine($"   known {result.SignInKnownMs:F1} ms, unknown {result.SignInUnknownMs:F1} ms (median of {knownMs.Count} each)");
        if (Math.Abs(result.SignInKnownMs / result.SignInUnknownMs - 1) > 0.2)
            result.Failures.Add($"sign-in median known {result.SignInKnownMs:F0} ms vs unknown {result.SignInUnknownMs:F0} ms: more than 20 % apart");
    }

    private static double Median(List<double> values)
    {
        var sorted = values.Order().ToList();
        return sorted.Count % 2 == 1 ? sorted[sorted.Count / 2] : (sorted[sorted.Count / 2 - 1] + sorted[sorted.Count / 2]) / 2;
    }
}
