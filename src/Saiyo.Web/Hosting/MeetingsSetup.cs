using Saiyo.Web.Meetings;

namespace Saiyo.Web.Hosting;

/// <summary>選考会/イベント/日程 and their web meetings: the worker that issues them and what it needs.</summary>
public static class MeetingsSetup
{
    public static IHostApplicationBuilder AddSaiyoMeetings(this IHostApplicationBuilder builder)
    {
        builder.Services.Configure<MeetingSyncOptions>(builder.Configuration.GetSection(MeetingSyncOptions.Section));
        builder.Services.AddSingleton<MeetingSyncSignal>();
        builder.Services.AddScoped<MeetingWebhookHandler>();
        builder.Services.AddScoped<HostReassignment>();
        builder.Services.AddScoped<InterviewerHostRemap>();
        builder.Services.AddScoped<MeetingStartLink>();
        builder.Services.AddSingleton<MeetingSyncWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<MeetingSyncWorker>());
        // Tagged meetings at Zoom without a 日程, once a day per account.
        builder.Services.AddSingleton<ZoomReconciliationSignal>();
        builder.Services.AddSingleton<ZoomReconciliationWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<ZoomReconciliationWorker>());
        // Attendance from Zoom after meeting.ended.
        builder.Services.Configure<AttendanceOptions>(builder.Configuration.GetSection(AttendanceOptions.Section));
        builder.Services.AddSingleton<AttendanceSignal>();
        builder.Services.AddSingleton<AttendanceWorker>();
        builder.Services.AddHostedService(sp => sp.GetRequiredService<AttendanceWorker>());
        return builder;
    }
}
