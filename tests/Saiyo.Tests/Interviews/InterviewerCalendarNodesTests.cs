using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Interviews;

/// <summary>
/// The 面接官's calendar follows the bookings after the booking requests have answered (issue 16: the booking request does
/// the seat, the booking and its mail record only; a worker on any node writes the interviewer's mail). Two nodes, eight
/// applicants booking one 日程 at once, half on each node: the interviewer's newest REQUEST names every one of them, the
/// calendar entry's mails each have their own SEQUENCE (no change mailed twice by two nodes), and once settled no more come.
/// </summary>
public sealed class InterviewerCalendarNodesTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(nodes: 2);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task A_two_node_booking_rush_ends_in_one_calendar_entry_naming_every_booked_applicant()
    {
        var admin = _world.Browser();
        await admin.SignInAsync(Demo.AdminEmail);
        var (interviewerId, interviewerEmail) = await admin.AddStaffAsync("面接 三郎");
        var meeting = await admin.CreateSelectionMeetingAsync("一次面接");
        var ev = await admin.AddEventAsync(meeting, "個別面接");
        await admin.AssignInterviewersAsync("Events", ev, interviewerId);
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 4);
        var schedule = SelectionSetup.ScheduleId(await admin.CreateScheduleAsync(ev, day, "10:00", "11:00", capacity: 8, acceptWarnings: true), day, "10:00", "11:00");
        var people = new List<(string Name, string Link, int Node)>();
        for (var i = 0; i < 8; i++)
        {
            var name = $"応募 {i:D2}番";
            var id = await admin.CreateApplicantAsync(name, $"calendar-rush{i:D2}@example.test");
            await admin.InviteAsync(id, meeting);
            people.Add((name, await admin.SendMyPageLinkAsync(id), i % 2));
        }

        var answers = await Task.WhenAll(people.Select(p => Task.Run(() => _world.Browser(p.Node).BookAsync(p.Link, schedule))));
        Assert.All(answers, a => Assert.Equal("booked", ApplicantSetup.Outcome(a)));

        await ZoomWorld.EventuallyAsync(() => Task.FromResult(Newest(Invitations(interviewerEmail)) is { } m && people.All(p => m.Body.Contains(p.Name, StringComparison.Ordinal))),
            "the interviewer's newest calendar mail naming all eight applicants", seconds: 90);
        await _world.SettledAsync();
        var mails = Invitations(interviewerEmail);
        Assert.Single(mails.Select(m => m.Uid).Distinct());
        Assert.Equal(mails.Count, mails.Select(m => m.Sequence).Distinct().Count());
        var newest = Newest(mails)!;
        Assert.Equal("REQUEST", newest.Method);
        Assert.All(people, p => Assert.Contains(p.Name, newest.Body, StringComparison.Ordinal));
    }

    private sealed record Invitation(string Body, string Method, string? Uid, int Sequence);

    private static Invitation? Newest(List<Invitation> mails) => mails.MaxBy(m => m.Sequence);

    private List<Invitation> Invitations(string to) =>
        ApplicantSetup.MailsTo(_world.Smtp, to).Select(m =>
        {
            var calendar = Ical.Net.Calendar.Load(ApplicantSetup.Calendar(m))!;
            var e = calendar.Events.Single();
            return new Invitation(m.TextBody!, calendar.Method!, e.Uid, e.Sequence);
        }).ToList();
}
