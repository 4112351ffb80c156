using Microsoft.EntityFrameworkCore;
using Saiyo.Data;
using Saiyo.Data.Integrations;
using Saiyo.Zoom;

namespace Saiyo.Web.Meetings;

/// <summary>
/// 「開始」: the host's start_url asked from Zoom at the click (it carries the host's key and expires), never stored,
/// logged or mailed. Returns the URL, or the resource key of the reason it cannot be had.
/// </summary>
public sealed class MeetingStartLink(SaiyoDbContext db, IZoomApiClient zoom)
{
    public async Task<(string? Url, string? ErrorKey)> GetAsync(Guid companyId, long meetingId, CancellationToken ct)
    {
        var link = await db.VideoLinkages.AsNoTracking().FirstOrDefaultAsync(x => x.CompanyId == companyId && x.Provider == VideoProvider.Zoom, ct);
        if (link is not { Status: LinkageStatus.Linked }) return (null, "MeetingError.NotLinked");
        var meeting = await zoom.GetMeetingAsync(link.Id.ToString(), meetingId, ct);
        if (!meeting.IsSuccess || string.IsNullOrEmpty(meeting.Value.StartUrl))
            return (null, "ZoomError." + (meeting.Error?.Kind.ToString() ?? nameof(ZoomErrorKind.InvalidResponse)));
        return (meeting.Value.StartUrl, null);
    }
}
