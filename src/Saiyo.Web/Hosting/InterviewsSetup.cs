using Saiyo.Web.Dashboard;
using Saiyo.Web.Interviews;

namespace Saiyo.Web.Hosting;

/// <summary>The hiring loop around the interview: 面接官 their calendar mails, 評価 and its reminders, the home page's counts.</summary>
public static class InterviewsSetup
{
    public static IHostApplicationBuilder AddSaiyoInterviews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InterviewerInvitations>();
        builder.Services.AddSingleton<InterviewerCalendarSignal>();
        builder.Services.AddSingleton<InterviewerCalendarWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<InterviewerCalendarWorker>());
        builder.Services.AddScoped<SelectionResults>();
        builder.Services.Configure<EvaluationReminderOptions>(builder.Configuration.GetSection(EvaluationReminderOptions.Section));
        builder.Services.AddHostedService<EvaluationReminderWorker>();
        builder.Services.AddScoped<HiringDashboard>();
        return builder;
    }
}
