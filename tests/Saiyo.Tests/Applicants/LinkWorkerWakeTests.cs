using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// Which bookings wake the link worker (issue 16). Its round is a scan of the active bookings; woken by every booking of a
/// rush it was a third of PostgreSQL's time. A booking on an issued meeting carries its join URL in its own mail and owes the
/// worker nothing; a booking whose meeting is not issued does, and wakes it. The worker's poll is an hour here, so every
/// round it runs is one something woke; rounds are counted from EF Core's command events of this world's database.
/// </summary>
public sealed class LinkWorkerWakeTests : IAsyncLifetime
{
    private MeetingWorld _w = null!;
    private readonly ConcurrentQueue<string> _rounds = new();
    private string _database = "";
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        _w = await MeetingWorld.StartAsync(settings: s => s["Applicants:Links:PollInterval"] = "01:00:00");
        await using (var scope = _w.World.Nodes[0].App.Services.CreateAsyncScope())
        {
            var c = scope.ServiceProvider.GetRequiredService<Saiyo.Data.SaiyoDbContext>().Database.GetDbConnection();
            _database = c.DataSource + "|" + c.Database;
        }
        _subscription = EfCommands.OnExecuting(data =>
        {
            // The link worker's due query (its claims name the same column, but they are UPDATEs), on this world's database only.
            var sql = data.Command.CommandText;
            if (!sql.StartsWith("SELECT", StringComparison.Ordinal) || !sql.Contains("\"LinkNextAttemptAtUtc\" IS NULL OR", StringComparison.Ordinal)) return;
            if (data.Command.Connection is { } c && c.DataSource + "|" + c.Database == _database) _rounds.Enqueue(sql);
        });
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _w.DisposeAsync();
    }

    [Fact]
    public async Task Bookings_on_an_issued_meeting_leave_the_link_worker_asleep_and_one_still_to_come_wakes_it()
    {
        var day = _w.Day(3);
        var issued = SelectionSetup.ScheduleId(await _w.Admin.CreateScheduleAsync(_w.EventId, day, "10:00", "11:00", capacity: 10, acceptWarnings: true), day, "10:00", "11:00");
        var joinUrl = SelectionSetup.Row(await _w.RowStateAsync(issued, "Issued"), issued)!.QuerySelector("a.join-url")!.GetAttribute("href")!;
        // The meeting worker woke the link worker when it issued the meeting: that round is the last one before the bookings.
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(!_rounds.IsEmpty), "the link worker's round after the meeting was issued");
        var before = _rounds.Count;
        for (var i = 0; i < 4; i++)
        {
            var email = $"wake{i}@example.test";
            await _w.BookAsync(issued, $"起床 {i}", email);
            // Each booking's mail (with the join URL) arrives before the next booking: a poke would have had its round by then.
            await ZoomWorld.EventuallyAsync(() => Task.FromResult(ApplicantSetup.MailsTo(_w.World.Smtp, email)
                .Any(m => (m.TextBody ?? "").Contains(joinUrl, StringComparison.Ordinal))), $"the booking mail with the join URL to {email}");
        }
        // At most the issue's own round arriving late; one round per booking would be four or more.
        Assert.InRange(_rounds.Count - before, 0, 1);

        // Zoom unreachable: the next 日程's meeting fails to issue, and its booking owes the applicant the link later.
        await _w.World.StopSandboxAsync();
        var failed = SelectionSetup.ScheduleId(await _w.Admin.CreateScheduleAsync(_w.EventId, day, "13:00", "14:00", capacity: 10, acceptWarnings: true), day, "13:00", "14:00");
        await _w.RowStateAsync(failed, "Failed");
        var quiet = _rounds.Count;
        await _w.BookAsync(failed, "起床 後", "wake-later@example.test");
        await ZoomWorld.EventuallyAsync(() => Task.FromResult(_rounds.Count > quiet), "the booking on a meeting still to come woke the link worker");
    }
}
