using System.Threading.RateLimiting;
using Saiyo.Web.SignIn;

namespace Saiyo.Web.Hosting;

/// <summary>Staff sign-in: server-side sessions, one answer for every failure, attempts limited per client address.</summary>
public static class SignInSetup
{
    public const string SignInPolicy = "staff-sign-in";

    public static IHostApplicationBuilder AddSaiyoSignIn(this IHostApplicationBuilder builder)
    {
        builder.Services.AddStaffSessions();
        builder.Services.AddScoped<UnknownAccountPassword>();
        var permits = builder.Configuration.GetValue("SignIn:AttemptsPerMinutePerAddress", 10);
        // In memory, per node: behind a balancer an address gets this many attempts on each node. Identity's lockout
        // (five wrong passwords per account) is in the database and holds across nodes.
        builder.Services.AddRateLimiter(o => o.AddPolicy(SignInPolicy, context =>
            HttpMethods.IsPost(context.Request.Method)
                ? RateLimitPartition.GetFixedWindowLimiter(
                    context.Connection.RemoteIpAddress?.ToString() ?? "",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                : RateLimitPartition.GetNoLimiter("get")));
        return builder;
    }
}
