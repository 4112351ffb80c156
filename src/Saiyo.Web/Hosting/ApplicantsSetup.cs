using System.Threading.RateLimiting;
using Saiyo.Web.Applicants;

namespace Saiyo.Web.Hosting;

/// <summary>応募者 and マイページ: booking, its mails, and the per-link limit on booking attempts.</summary>
public static class ApplicantsSetup
{
    public const string BookingPolicy = "my-page-booking";

    public static IHostApplicationBuilder AddSaiyoApplicants(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingMails>();
        builder.Services.AddScoped<BookingService>();
        var permits = builder.Configuration.GetValue("Applicants:BookingAttemptsPerMinute", 20);
        // Per node: with several nodes behind a balancer a link gets this many attempts on each.
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.AddPolicy(BookingPolicy, context =>
            {
                var isPost = HttpMethods.IsPost(context.Request.Method);
                var token = context.Request.RouteValues["token"] as string ?? "";
                return isPost
                    ? RateLimitPartition.GetFixedWindowLimiter(MyPageTokens.Hash(token), _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("get");
            });
        });
        return builder;
    }
}
