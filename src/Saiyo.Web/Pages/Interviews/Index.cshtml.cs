using Microsoft.AspNetCore.Mvc;
using Saiyo.Data;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Interviews;

/// <summary>担当の面接: today's and upcoming interviews of the signed-in 面接官 (日程 assigned to them with applicants booked).</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock) : InterviewPageModel(db, current, clock)
{
    public IReadOnlyList<InterviewRow> Today { get; private set; } = [];
    public IReadOnlyList<InterviewRow> Upcoming { get; private set; } = [];

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        var zone = await Clock.ZoneAsync(ct);
        var now = Clock.NowUtc;
        // "Today" is the company's day: from its local midnight to the next.
        var localToday = TimeZoneInfo.ConvertTimeFromUtc(now, zone).Date;
        var startOfToday = TimeZoneInfo.ConvertTimeToUtc(localToday, zone);
        var endOfToday = TimeZoneInfo.ConvertTimeToUtc(localToday.AddDays(1), zone);
        var all = (await InterviewsAsync(startOfToday, null, ct)).Where(i => i.Applicants.Count > 0).ToList();
        Today = all.Where(i => i.StartUtc < endOfToday).ToList();
        Upcoming = all.Where(i => i.StartUtc >= endOfToday).ToList();
        return Page();
    }
}
