using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Microsoft.Extensions.Localization;
using Saiyo.Data.Applicants;
using Saiyo.Web.Applicants;
using Saiyo.Web.Localization;
using Saiyo.Web.Tenancy;

namespace Saiyo.Web.Pages.Applicants;

/// <summary>応募者 list and search (name, kana, e-mail, phone, school or employer).</summary>
public sealed class IndexModel(SaiyoDbContext db, CurrentCompany current, CompanyClock clock, IStringLocalizer<SharedResource> l) : PageModel
{
    public const int PageSize = 100;

    public sealed record Row(Guid Id, string Name, string? Kana, string Email, string? Organization, int Invited, int Bookings);

    [BindProperty(SupportsGet = true)]
    public string? Q { get; set; }

    public IReadOnlyList<Row> Rows { get; private set; } = [];
    public Paging Paging { get; private set; } = new(1, PageSize, false);

    public async Task OnGetAsync([FromQuery(Name = Paging.Parameter)] int? page, CancellationToken ct)
    {
        (Rows, Paging) = await Paging.ReadAsync(Matching().OrderByDescending(a => a.CreatedAtUtc).ThenBy(a => a.Name).ThenBy(a => a.Id)
            .Select(a => new Row(a.Id, a.Name, a.Kana, a.Email, a.Organization,
                db.ApplicantInvitations.Count(i => i.ApplicantId == a.Id),
                db.Bookings.Count(b => b.ApplicantId == a.Id && b.State == BookingState.Active))), page, PageSize, ct);
    }

    /// <summary>
    /// CSVエクスポート: the 応募者 the search finds (all without one), each with the 選考会 offered and the 予約 held, times
    /// in the company's zone. The header names are those CSV取り込み reads, so the file can be edited and imported again.
    /// </summary>
    public async Task<IActionResult> OnGetExportAsync(string? encoding, CancellationToken ct)
    {
        if (CsvExport.EncodingFor(encoding) is not { } textEncoding) return BadRequest();
        var companyId = current.Id;
        var zone = await clock.ZoneAsync(ct);
        var applicants = await Matching().OrderBy(a => a.CreatedAtUtc).ThenBy(a => a.Id)
            .Select(a => new { a.Id, a.Name, a.Kana, a.Email, a.Phone, a.Organization, a.Language, a.CreatedAtUtc }).ToListAsync(ct);
        var invited = (await (
                from i in db.ApplicantInvitations.AsNoTracking()
                join m in db.SelectionMeetings.AsNoTracking() on i.SelectionMeetingId equals m.Id
                where i.CompanyId == companyId
                orderby m.CreatedAtUtc
                select new { i.ApplicantId, m.Name }).ToListAsync(ct))
            .ToLookup(x => x.ApplicantId, x => x.Name);
        var booked = (await (
                from b in db.Bookings.AsNoTracking()
                join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
                join e in db.InterviewEvents.AsNoTracking() on s.EventId equals e.Id
                join m in db.SelectionMeetings.AsNoTracking() on e.SelectionMeetingId equals m.Id
                where b.CompanyId == companyId && b.State == BookingState.Active
                orderby s.StartUtc
                select new { b.ApplicantId, Meeting = m.Name, Event = e.Name, s.StartUtc, s.EndUtc }).ToListAsync(ct))
            .ToLookup(x => x.ApplicantId, x => $"{x.Meeting} / {x.Event} {CsvExport.Time(x.StartUtc, zone)}-{CsvExport.Time(x.EndUtc, zone)[^5..]}");
        string[] header =
        [
            l["Export.Name"], l["Export.Kana"], l["Export.Email"], l["Export.Phone"], l["Export.Organization"], l["Export.Language"],
            l["Export.RegisteredAt"], l["Export.Invitations"], l["Export.Bookings"],
        ];
        var rows = applicants.Select(a => new string?[]
        {
            a.Name, a.Kana, a.Email, a.Phone, a.Organization, a.Language, CsvExport.Time(a.CreatedAtUtc, zone),
            string.Join("; ", invited[a.Id]), string.Join("; ", booked[a.Id]),
        });
        return CsvExport.File($"applicants-{CsvExport.FileStamp(clock.NowUtc, zone)}.csv", textEncoding, header, rows);
    }

    private IQueryable<Applicant> Matching()
    {
        var companyId = current.Id;
        var query = db.Applicants.AsNoTracking().Where(a => a.CompanyId == companyId && a.DeletedAtUtc == null);
        if (!string.IsNullOrWhiteSpace(Q))
        {
            var q = Q.Trim();
            var lower = q.ToLowerInvariant();
            query = query.Where(a => a.Name.Contains(q) || (a.Kana != null && a.Kana.Contains(q)) || a.Email.ToLower().Contains(lower)
                                     || (a.Phone != null && a.Phone.Contains(q)) || (a.Organization != null && a.Organization.Contains(q)));
        }
        return query;
    }
}
