using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Localization;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Web.Applicants;

namespace Saiyo.Web.Hosting;

/// <summary>応募者 and マイページ: booking, its mails, and the per-link limit on booking attempts.</summary>
public static class ApplicantsSetup
{
    public const string BookingPolicy = "my-page-booking";

    public static IHostApplicationBuilder AddSaiyoApplicants(this IHostApplicationBuilder builder)
    {
        builder.Services.AddScoped<BookingMails>();
        builder.Services.AddScoped<ApplicantTimeline>();
        builder.Services.AddScoped<BookingService>();
        builder.Services.AddScoped<ParallelSlots>();
        builder.Services.AddScoped<BookingNotices>();
        builder.Services.AddScoped<ApplicantDeletion>();
        builder.Services.Configure<ApplicantAutoDeletionOptions>(builder.Configuration.GetSection(ApplicantAutoDeletionOptions.Section));
        builder.Services.AddHostedService<ApplicantAutoDeletionWorker>();
        builder.Services.Configure<BookingReminderOptions>(builder.Configuration.GetSection(BookingReminderOptions.Section));
        builder.Services.AddHostedService<BookingReminderWorker>();
        builder.Services.Configure<BookingLinkOptions>(builder.Configuration.GetSection(BookingLinkOptions.Section));
        builder.Services.AddScoped<BookingLinks>();
        builder.Services.AddSingleton<InlineRegistrationGate>();
        builder.Services.AddSingleton<BookingLinkSignal>();
        builder.Services.AddSingleton<BookingLinkWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<BookingLinkWorker>());
        // マイページ speaks the applicant's language unless they switched it (query string or cookie come first).
        builder.Services.Configure<RequestLocalizationOptions>(o => o.RequestCultureProviders.Insert(
            Math.Min(2, o.RequestCultureProviders.Count), new CustomRequestCultureProvider(ApplicantCultureAsync)));
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
                    ? RateLimitPartition.GetFixedWindowLimiter(MyPageTokens.Hash(context, token), _ => new FixedWindowRateLimiterOptions { PermitLimit = permits, Window = TimeSpan.FromMinutes(1), QueueLimit = 0 })
                    : RateLimitPartition.GetNoLimiter("get");
            });
        });
        return builder;
    }

    private static async Task<ProviderCultureResult?> ApplicantCultureAsync(HttpContext context)
    {
        var segments = (context.Request.Path.Value ?? "").Split('/', StringSplitOptions.RemoveEmptyEntries);
        if (segments is not ["my", var token] || !MyPageTokens.LooksValid(token)) return null;
        // The page reuses this row (one lookup per request).
        var language = (await MyPageTokens.ApplicantAsync(context, token))?.Language;
        return language is null ? null : new ProviderCultureResult(language == "en" ? "en" : "ja");
    }
}
