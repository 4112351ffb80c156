using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The booking transaction only records its mail; the dispatcher renders and sends it. Two nodes, twelve applicants at
/// once (half on each node) for three seats: each booked applicant receives exactly one 「ご予約を承りました」 at the SMTP
/// server, rendered in their language with the time in the company's zone and an .ics of SEQUENCE 1; the others none.
/// </summary>
public sealed class BookingMailNodesTests : IAsyncLifetime
{
    private ZoomWorld _world = null!;

    public async ValueTask InitializeAsync() => _world = await ZoomWorld.StartAsync(nodes: 2);

    public async ValueTask DisposeAsync() => await _world.DisposeAsync();

    [Fact]
    public async Task Each_booked_applicant_of_a_two_node_rush_gets_one_rendered_booking_mail_and_the_full_ones_none()
    {
        var staff = _world.Browser();
        await staff.SignInAsync(Demo.RecruiterEmail);
        var meeting = await staff.CreateSelectionMeetingAsync("一次面接");
        var ev = await staff.AddEventAsync(meeting, "個別面接");
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 4);
        var settings = await staff.CreateScheduleAsync(ev, day, "14:00", "15:00", capacity: 3, acceptWarnings: true);
        var schedule = SelectionSetup.ScheduleId(settings, day, "14:00", "15:00");
        var people = new List<(string Email, string Link, int Node)>();
        for (var i = 0; i < 12; i++)
        {
            var email = $"mail-rush{i:D2}@example.test";
            var id = await staff.CreateApplicantAsync($"応募者 {i:D2}", email);
            await staff.InviteAsync(id, meeting);
            people.Add((email, await staff.SendMyPageLinkAsync(id), i % 2));
        }

        var answers = await Task.WhenAll(people.Select(p => Task.Run(() => _world.Browser(p.Node).BookAsync(p.Link, schedule))));
        var booked = people.Where((_, i) => ApplicantSetup.Outcome(answers[i]) == "booked").Select(p => p.Email).ToList();
        Assert.Equal(3, booked.Count);

        static bool IsBooking(MimeKit.MimeMessage m) => (m.Subject ?? "").Contains("ご予約を承りました", StringComparison.Ordinal);
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(booked.All(e => ApplicantSetup.MailsTo(_world.Smtp, e).Any(IsBooking))),
            "every booked applicant's booking mail at the SMTP server", seconds: 90);
        await _world.SettledAsync();
        foreach (var email in booked)
        {
            var mail = Assert.Single(ApplicantSetup.MailsTo(_world.Smtp, email), IsBooking);
            Assert.Contains("14:00", mail.TextBody, StringComparison.Ordinal);
            Assert.Contains("SEQUENCE:1", ApplicantSetup.Calendar(mail), StringComparison.Ordinal);
        }
        Assert.All(people.Where(p => !booked.Contains(p.Email)), p => Assert.DoesNotContain(ApplicantSetup.MailsTo(_world.Smtp, p.Email), IsBooking));
    }
}
