using System.Diagnostics;
using System.Globalization;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Saiyo.Tests.Infrastructure;
using Saiyo.Tests.Selection;
using static Saiyo.Tests.Interviews.InterviewerInvitationTests;

namespace Saiyo.Tests.Interviews;

/// <summary>One Saiyo with Zoom linked and an イベント hosted by one Zoom user (not 「面接官がホスト」), shared by the tests.</summary>
public sealed class InterviewerCalendarWorld : IAsyncLifetime
{
    public MeetingWorld W { get; private set; } = null!;

    public async ValueTask InitializeAsync() => W = await MeetingWorld.StartAsync();
    public async ValueTask DisposeAsync() => await W.DisposeAsync();
}

/// <summary>
/// The 面接官's calendar follows what staff do to the 日程, not only the applicants' bookings: a move sends each one
/// exactly one updated REQUEST (same UID, higher SEQUENCE, the new time), a delete one CANCEL, and 個人情報の削除 one
/// REQUEST that no longer names the deleted applicant. Counted at the test's SMTP server; each test has its own 日程
/// and 面接官.
/// </summary>
public sealed class InterviewerCalendarFollowsTests(InterviewerCalendarWorld world) : IClassFixture<InterviewerCalendarWorld>
{
    private MeetingWorld W => world.W;

    [Fact]
    public async Task A_staff_move_sends_each_interviewer_one_request_with_the_new_time()
    {
        var day = W.Day(3);
        var schedule = await IssuedAsync(day, "10:00", "10:30");
        var (first, firstEmail) = await W.Admin.AddStaffAsync("移動 一郎");
        var (second, secondEmail) = await W.Admin.AddStaffAsync("移動 二郎");
        await W.Admin.AssignInterviewersAsync("Schedules", schedule, first, second);
        await BookAsync(schedule, "移動 太郎", "move.taro@example.test");
        var before = new[] { Assert.Single(await InvitationsAsync(W.World, firstEmail, 1)), Assert.Single(await InvitationsAsync(W.World, secondEmail, 1)) };

        var moved = await W.Admin.SubmitAsync($"/SelectionMeetings/Schedules/{schedule}", new Dictionary<string, string>
        {
            ["Input.StartTime"] = "15:00", ["Input.EndTime"] = "15:45", ["Input.AcceptWarnings"] = "true",
        });
        Assert.EndsWith("/Schedules", moved.Path);

        foreach (var (email, old) in new[] { (firstEmail, before[0]), (secondEmail, before[1]) })
        {
            var now = Latest(await InvitationsAsync(W.World, email, 2), old.Event.Uid);
            Assert.Equal("REQUEST", now.Method);
            Assert.Equal(old.Event.Sequence + 1, now.Event.Sequence);
            Assert.Equal(SelectionSetup.ZoomUtc(day, "15:00"), Utc(now.Event.Start!));
            Assert.Equal(SelectionSetup.ZoomUtc(day, "15:45"), Utc(now.Event.End!));
            Assert.Contains("移動 太郎", now.Body, StringComparison.Ordinal);
        }
        await AssertStaysAsync(W, firstEmail, 2);
        Assert.Equal(2, ApplicantSetup.MailsTo(W.World.Smtp, secondEmail).Count);
    }

    [Fact]
    public async Task A_booking_committed_while_a_move_is_saved_still_leads_the_interviewer_to_the_new_time()
    {
        var day = W.Day(6);
        var schedule = await IssuedAsync(day, "10:00", "10:30");
        var lateLink = "";
        // Subscribed early: EF Core caches for a moment whether anyone listens to its events.
        using var race = new MoveRace(schedule, () => W.World.Browser().BookAsync(lateLink, schedule));
        var (interviewer, email) = await W.Admin.AddStaffAsync("競合 一郎");
        await W.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        await BookAsync(schedule, "競合 太郎", "race.taro@example.test");
        var first = Assert.Single(await InvitationsAsync(W.World, email, 1));
        var late = await W.Admin.CreateApplicantAsync("競合 花子", "race.hanako@example.test");
        await W.Admin.InviteAsync(late, W.MeetingId);
        lateLink = await W.Admin.SendMyPageLinkAsync(late);

        // Staff open the 日程 and move it; between the POST's read and its save an applicant books, and the calendar worker
        // mails that booking (the old time) and reaches its "nothing changed since" check only after the move committed.
        var page = await W.Admin.GetAsync($"/SelectionMeetings/Schedules/{schedule}");
        race.Arm();
        var moved = await W.Admin.SubmitAsync(page, new Dictionary<string, string>
        {
            ["Input.StartTime"] = "16:00", ["Input.EndTime"] = "16:30", ["Input.AcceptWarnings"] = "true",
        });
        race.MoveAnswered();
        Assert.EndsWith("/Schedules", moved.Path);
        Assert.Equal("booked", ApplicantSetup.Outcome(race.Booking!));

        var now = Latest(await InvitationsAsync(W.World, email, 3), first.Event.Uid);
        Assert.Equal("REQUEST", now.Method);
        Assert.Equal(SelectionSetup.ZoomUtc(day, "16:00"), Utc(now.Event.Start!));
        Assert.Contains("競合 太郎", now.Body, StringComparison.Ordinal);
        Assert.Contains("競合 花子", now.Body, StringComparison.Ordinal);
        await AssertStaysAsync(W, email, 3);
    }

    /// <summary>
    /// Times the race through EF Core's diagnostic events (nothing is arranged or read in the database): when the move's
    /// request is about to write the 日程, an applicant books over HTTP and the move waits until the calendar worker is
    /// about to clear the 日程's mark; the worker waits there until the move has answered.
    /// </summary>
    private sealed class MoveRace : DbRace
    {
        private readonly Guid _schedule;
        private readonly Func<Task<HtmlPage>> _book;
        private readonly ManualResetEventSlim _workerAtClear = new(), _moveAnswered = new();
        private int _booked, _held;

        public MoveRace(Guid schedule, Func<Task<HtmlPage>> book) => (_schedule, _book) = (schedule, book);

        public HtmlPage? Booking { get; private set; }

        public void MoveAnswered() => _moveAnswered.Set();

        protected override void OnArmed(KeyValuePair<string, object?> e)
        {
            if (Saving(e, x => x.Entity.Id == _schedule && x.State == EntityState.Modified) && Interlocked.Exchange(ref _booked, 1) == 0)
            {
                Booking = _book().WaitAsync(Bound).GetAwaiter().GetResult();
                Assert.True(_workerAtClear.Wait(Bound), "the calendar worker mailed the booking made during the move");
            }
            else if (e.Key == RelationalEventId.CommandExecuting.Name && e.Value is CommandEventData { Command: var command }
                     && Volatile.Read(ref _booked) == 1 && IsClearOfThisSchedule(command) && Interlocked.Exchange(ref _held, 1) == 0)
            {
                _workerAtClear.Set();
                _moveAnswered.Wait(Bound);
            }
        }

        /// <summary>The worker's "clear the mark if no booking came meanwhile" (InterviewerCalendarWorker), for this 日程.</summary>
        private bool IsClearOfThisSchedule(System.Data.Common.DbCommand command) =>
            command.CommandText.TrimStart().StartsWith("UPDATE", StringComparison.OrdinalIgnoreCase)
            && command.CommandText.Contains("\"InterviewersDue\"", StringComparison.Ordinal)
            && command.CommandText.Contains("\"BookingsVersion\" =", StringComparison.Ordinal)
            && !command.CommandText.Contains("\"BookedCount\"", StringComparison.Ordinal)
            && command.Parameters.Cast<System.Data.Common.DbParameter>().Any(p => string.Equals(p.Value?.ToString(), _schedule.ToString(), StringComparison.OrdinalIgnoreCase));

        public override void Dispose()
        {
            _moveAnswered.Set();
            _workerAtClear.Set();
            base.Dispose();
        }
    }

    [Fact]
    public async Task A_staff_delete_of_a_booked_schedule_sends_each_interviewer_one_cancel()
    {
        var schedule = await IssuedAsync(W.Day(4), "11:00", "11:30");
        var (interviewer, email) = await W.Admin.AddStaffAsync("削除 一郎");
        await W.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        await BookAsync(schedule, "削除 太郎", "delete.taro@example.test");
        var request = Assert.Single(await InvitationsAsync(W.World, email, 1));

        var impact = await W.Admin.SubmitAsync(await W.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{schedule}?handler=Delete']");
        Assert.Equal($"/SelectionMeetings/Schedules/{schedule}/Delete", impact.Path);
        var done = await W.Admin.SubmitAsync(impact, new Dictionary<string, string>(), "form.delete-impact");
        Assert.Equal(W.SettingsUrl, done.Path);

        var cancel = Latest(await InvitationsAsync(W.World, email, 2), request.Event.Uid);
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(request.Event.Sequence + 1, cancel.Event.Sequence);
        await AssertStaysAsync(W, email, 2);
    }

    [Fact]
    public async Task A_staff_delete_while_the_calendar_worker_mails_the_interviewer_succeeds_with_one_cancel()
    {
        var (late, schedule, email) = ("", Guid.Empty, "");
        // Subscribed early: EF Core caches for a moment whether anyone listens to its events.
        using var race = new DeleteRace(() => schedule, async () =>
        {
            Assert.Equal("booked", ApplicantSetup.Outcome(await W.World.Browser().BookAsync(late, schedule)));
            await InvitationsAsync(W.World, email, 2);
        });
        schedule = await IssuedAsync(W.Day(7), "14:00", "14:30");
        (var interviewer, email) = await W.Admin.AddStaffAsync("削除競合 一郎");
        await W.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        await BookAsync(schedule, "削除競合 太郎", "delete.race.taro@example.test");
        var request = Assert.Single(await InvitationsAsync(W.World, email, 1));
        var hanako = await W.Admin.CreateApplicantAsync("削除競合 花子", "delete.race.hanako@example.test");
        await W.Admin.InviteAsync(hanako, W.MeetingId);
        late = await W.Admin.SendMyPageLinkAsync(hanako);

        // Between the delete's read and its save, another applicant books and the calendar worker mails the 面接官 (their
        // invitation moves on): the delete still goes through, cancelling both bookings, with one CANCEL after that mail.
        var impact = await W.Admin.SubmitAsync(await W.SettingsAsync(), formSelector: $"form[action='/SelectionMeetings/Schedules/{schedule}?handler=Delete']");
        race.Arm();
        var done = await W.Admin.SubmitAsync(impact, new Dictionary<string, string>(), "form.delete-impact");
        Assert.True(race.Ran, "the calendar worker mailed during the delete");
        Assert.Equal(W.SettingsUrl, done.Path);
        Assert.DoesNotContain("この日程は同時に変更されました。", done.Text, StringComparison.Ordinal);
        Assert.Null(SelectionSetup.Row(done, schedule));

        var cancel = Latest(await InvitationsAsync(W.World, email, 3), request.Event.Uid);
        Assert.Equal("CANCEL", cancel.Method);
        Assert.Equal(request.Event.Sequence + 2, cancel.Event.Sequence);
        await AssertStaysAsync(W, email, 3);
    }

    /// <summary>
    /// Times the race through EF Core's diagnostic events: when the delete's request is about to write the 日程, <c>meanwhile</c>
    /// runs (a booking over HTTP, then the calendar worker's mail is awaited) before the delete goes on.
    /// </summary>
    private sealed class DeleteRace(Func<Guid> schedule, Func<Task> meanwhile) : DbRace
    {
        private int _ran;

        public bool Ran => Volatile.Read(ref _ran) == 1;

        protected override void OnArmed(KeyValuePair<string, object?> e)
        {
            if (Saving(e, x => x.Entity.Id == schedule() && (x.State == EntityState.Deleted || x.Entity.Deleted)) && Interlocked.Exchange(ref _ran, 1) == 0)
                meanwhile().WaitAsync(Bound).GetAwaiter().GetResult();
        }
    }

    /// <summary>
    /// The plumbing both races share: hears EF Core's diagnostic events in every context of the process (subscribed at
    /// construction: EF Core caches for a moment whether anyone listens), and hands them on once armed; waits are bounded.
    /// </summary>
    private abstract class DbRace : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        protected static readonly TimeSpan Bound = TimeSpan.FromSeconds(120);
        private readonly IDisposable _all;
        private readonly List<IDisposable> _subscriptions = [];
        private int _armed;

        protected DbRace() => _all = DiagnosticListener.AllListeners.Subscribe(this);

        public void Arm() => Volatile.Write(ref _armed, 1);

        protected abstract void OnArmed(KeyValuePair<string, object?> e);

        /// <summary>A request or worker is about to start the transaction that saves a 日程 matching <paramref name="which"/>.</summary>
        protected static bool Saving(KeyValuePair<string, object?> e, Func<Microsoft.EntityFrameworkCore.ChangeTracking.EntityEntry<Saiyo.Data.Selection.Schedule>, bool> which) =>
            e.Key == RelationalEventId.TransactionStarting.Name && e.Value is TransactionStartingEventData { Context: { } db }
            && db.ChangeTracker.Entries<Saiyo.Data.Selection.Schedule>().Any(which);

        public void OnNext(DiagnosticListener listener)
        {
            if (listener.Name == DbLoggerCategory.Name)
                lock (_subscriptions) _subscriptions.Add(listener.Subscribe(this));
        }

        public void OnNext(KeyValuePair<string, object?> e)
        {
            if (Volatile.Read(ref _armed) == 1) OnArmed(e);
        }

        public void OnCompleted() { }
        public void OnError(Exception error) { }

        public virtual void Dispose()
        {
            _all.Dispose();
            lock (_subscriptions) _subscriptions.ForEach(s => s.Dispose());
        }
    }

    [Fact]
    public async Task Deleting_an_applicants_personal_data_sends_each_interviewer_one_request_without_their_name()
    {
        var schedule = await IssuedAsync(W.Day(5), "13:00", "13:30");
        var (interviewer, email) = await W.Admin.AddStaffAsync("個人 一郎");
        await W.Admin.AssignInterviewersAsync("Schedules", schedule, interviewer);
        const string deleted = "消去 花子", stays = "残留 次郎";
        var applicant = await BookAsync(schedule, deleted, "erase.hanako@example.test");
        var one = Assert.Single(await InvitationsAsync(W.World, email, 1));
        await BookAsync(schedule, stays, "stays.jiro@example.test");
        var both = Latest(await InvitationsAsync(W.World, email, 2), one.Event.Uid);
        Assert.Contains(deleted, both.Body, StringComparison.Ordinal);

        var confirm = await W.Admin.GetAsync($"/Applicants/{applicant}/Delete");
        var done = await W.Admin.SubmitAsync(confirm, formSelector: "form.applicant-delete");
        Assert.Equal("/Applicants", done.Path);

        var after = Latest(await InvitationsAsync(W.World, email, 3), both.Event.Uid);
        Assert.Equal("REQUEST", after.Method);
        Assert.Equal(both.Event.Sequence + 1, after.Event.Sequence);
        Assert.DoesNotContain(deleted, after.Body + after.Ics, StringComparison.Ordinal);
        Assert.Contains(stays, after.Body, StringComparison.Ordinal);
        await AssertStaysAsync(W, email, 3);
    }

    private async Task<Guid> IssuedAsync(DateOnly day, string start, string end)
    {
        var schedule = SelectionSetup.ScheduleId(await W.Admin.CreateScheduleAsync(W.EventId, day, start, end, capacity: 2, acceptWarnings: true), day, start, end);
        await W.RowStateAsync(schedule, "Issued");
        return schedule;
    }

    private async Task<Guid> BookAsync(Guid schedule, string name, string email)
    {
        var applicant = await W.Admin.CreateApplicantAsync(name, email);
        await W.Admin.InviteAsync(applicant, W.MeetingId);
        Assert.Equal("booked", ApplicantSetup.Outcome(await W.World.Browser().BookAsync(await W.Admin.SendMyPageLinkAsync(applicant), schedule)));
        return applicant;
    }

    private static string Utc(Ical.Net.DataTypes.CalDateTime t) => t.AsUtc.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
