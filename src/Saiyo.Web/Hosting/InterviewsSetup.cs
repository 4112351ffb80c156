using Saiyo.Web.Interviews;

namespace Saiyo.Web.Hosting;

/// <summary>The hiring loop around the interview: 面接官 and their calendar mails.</summary>
public static class InterviewsSetup
{
    public static IHostApplicationBuilder AddSaiyoInterviews(this IHostApplicationBuilder builder)
    {
        builder.Services.AddSingleton<InterviewerInvitations>();
        return builder;
    }
}
