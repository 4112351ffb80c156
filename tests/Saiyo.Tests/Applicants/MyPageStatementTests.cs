using System.Collections.Concurrent;
using System.Net;
using Microsoft.AspNetCore.Http;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Saiyo.Tests.Infrastructure;

namespace Saiyo.Tests.Applicants;

/// <summary>
/// The statements each マイページ request runs (issue 16 points 2 and 3: on SQLite each one is prepared anew, on PostgreSQL
/// each is a round trip), counted from EF Core's command events of the request itself (background workers are not counted).
/// The bounds are what the page needs: a regression that adds a query per request fails here. Counts per request are also
/// written to artifacts/statements/&lt;db&gt;/my-page.txt.
/// </summary>
public sealed class MyPageStatementTests : IAsyncLifetime
{
    private const string Header = "X-Statement-Count";

    private TestDatabase _db = null!;
    private SaiyoAppFactory _app = null!;
    private SaiyoClient _staff = null!;
    private readonly string _marker = Guid.NewGuid().ToString("N");
    private readonly ConcurrentQueue<(string Request, string Trace, string Sql)> _commands = new();
    private IDisposable? _subscription;

    public async ValueTask InitializeAsync()
    {
        _db = await TestDatabase.CreateAsync();
        _app = new SaiyoAppFactory(_db)
        {
            // EF Core skips a context's command events for a second after one that nobody heard (LoggingCacheTime, sliding
            // while the pooled context stays busy): without this, requests right after the subscription go uncounted.
            ConfigureTestServices = services => services.ConfigureDbContext<Saiyo.Data.SaiyoDbContext>(o => o.ConfigureLoggingCacheTime(TimeSpan.Zero)),
        };
        _staff = _app.CreateSaiyoClient();
        await _staff.SignInAsync(Demo.RecruiterEmail);
        var accessor = _app.Services.GetRequiredService<IHttpContextAccessor>();
        _subscription = EfCommands.OnExecuting(data =>
        {
            // Only this class's measured requests: every host in the process shares the diagnostic listener.
            if (accessor.HttpContext is not { } http || http.Request.Headers[Header] != _marker) return;
            _commands.Enqueue(($"{http.Request.Method} {http.Request.Query["handler"]}".TrimEnd(), http.TraceIdentifier, data.Command.CommandText));
        });
    }

    public async ValueTask DisposeAsync()
    {
        _subscription?.Dispose();
        await _app.DisposeAsync();
        await _db.DisposeAsync();
    }

    [Fact]
    public async Task Each_my_page_request_runs_only_the_statements_it_needs()
    {
        var day = SelectionSetup.TokyoDate(TimeProvider.System, 6);
        var meeting = await _staff.CreateSelectionMeetingAsync("文数 一次面接");
        var ev = await _staff.AddEventAsync(meeting, "個別面接");
        var first = await _staff.CreateShownScheduleAsync(ev, day, "10:00", "10:30");
        var second = await _staff.CreateShownScheduleAsync(ev, day, "11:00", "11:30");
        var taken = await _staff.CreateShownScheduleAsync(ev, day, "12:00", "12:30");
        var applicant = await _staff.CreateApplicantAsync("文数 一", "hajime.statements@example.test");
        await _staff.InviteAsync(applicant, meeting);
        var link = await _staff.SendMyPageLinkAsync(applicant);
        var other = await _staff.CreateApplicantAsync("文数 二", "futaba.statements@example.test");
        await _staff.InviteAsync(other, meeting);
        Assert.Equal("booked", ApplicantSetup.Outcome(await _app.CreateSaiyoClient().BookAsync(await _staff.SendMyPageLinkAsync(other), taken)));

        var client = _app.CreateSaiyoClient();
        client.Http.DefaultRequestHeaders.Add(Header, _marker);
        var counts = new List<(string What, int Statements)>();
        var statements = new List<string>();
        async Task<HtmlPage> Measure(string what, Func<Task<HtmlPage>> request)
        {
            _commands.Clear();
            var page = await request();
            // The first request's statements (a 303's follow-up GET is a request of its own).
            var trace = _commands.FirstOrDefault().Trace;
            counts.Add((what, _commands.Count(c => c.Trace == trace)));
            statements.AddRange(_commands.Where(c => c.Trace == trace).Select(c => $"{what}: {c.Sql.ReplaceLineEndings(" ")}"));
            return page;
        }

        var page = await Measure("GET", () => client.GetAsync(link));
        Assert.Equal(3, page.Document.QuerySelectorAll("tr[data-schedule-id]").Length);
        var full = await Measure("POST Book (409 満席)", () => client.BookAsync(link, taken));
        Assert.Equal((HttpStatusCode.Conflict, "full"), (full.Status, ApplicantSetup.Outcome(full)));
        var booked = await Measure("POST Book (303)", () => client.BookAsync(link, first));
        Assert.Equal("booked", ApplicantSetup.Outcome(booked));
        var bookingId = booked.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id");
        var cancelStep = await Measure("GET Cancel (step)", () => client.GetAsync($"{link}?handler=Cancel&bookingId={bookingId}"));
        Assert.Equal("confirmcancel", cancelStep.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        var chooseStep = await Measure("GET Change (choose)", () => client.GetAsync($"{link}?handler=Change&bookingId={bookingId}"));
        Assert.Equal("choosechange", chooseStep.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        var confirmStep = await Measure("GET Change (confirm)", () => client.GetAsync($"{link}?handler=Change&bookingId={bookingId}&scheduleId={second}"));
        Assert.Equal("confirmchange", confirmStep.Document.QuerySelector("[data-step]")?.GetAttribute("data-step"));
        var changed = await Measure("POST Change (303)", () => client.PostRawAsync(link + "?handler=Change",
            [new("bookingId", bookingId!), new("scheduleId", second.ToString())]));
        Assert.Equal("changed", ApplicantSetup.Outcome(changed));
        bookingId = changed.Document.QuerySelector("[data-booking-id]")!.GetAttribute("data-booking-id");
        var cancelled = await Measure("POST Cancel (303)", () => client.PostRawAsync(link + "?handler=Cancel", [new("bookingId", bookingId!)]));
        Assert.Equal("cancelled", ApplicantSetup.Outcome(cancelled));

        var report = string.Join("\n", counts.Select(c => $"{c.What}\t{c.Statements}"));
        await File.WriteAllTextAsync(Path.Combine(Artifacts.Dir("statements"), "my-page.txt"), report + "\n\n" + string.Join("\n", statements) + "\n",
            TestContext.Current.CancellationToken);
        TestContext.Current.TestOutputHelper?.WriteLine(report);
        var bounds = TestDatabase.IsPostgres ? PostgresBounds : SqliteBounds;
        Assert.True(counts.All(c => c.Statements > 0 && c.Statements <= bounds[c.What]), report);
        // 予約する reads the columns it decides and writes by, not whole 日程 and イベント: never the meeting's passcode (the POST has
        // no use for it: the page it redirects to reads it; the whole rows were most of the booking read's materialization, issue 16).
        var wholeRows = statements.Where(s => s.StartsWith("POST Book", StringComparison.Ordinal) && s.Contains("\"ProtectedPasscode\"", StringComparison.Ordinal)).ToList();
        Assert.True(wholeRows.Count == 0, string.Join("\n", wholeRows));
    }

    // The fewest statements each request needs (the page's reads folded; see README's bench section, branch `lean`).
    private static readonly Dictionary<string, int> SqliteBounds = new()
    {
        // The lookup (with the company), the applicant's bookings, the 日程 offered: 4 before (the company read alone).
        ["GET"] = 3, ["GET Cancel (step)"] = 3, ["GET Change (choose)"] = 3, ["GET Change (confirm)"] = 3,
        // The lookup, FindOffered, that イベント's 日程: 5 before (the whole page re-read).
        ["POST Book (409 満席)"] = 3,
        // The lookup, FindOffered, the booking command (BookingStatement: seat, booking and mail; on SQLite three statements
        // in one command between BEGIN and COMMIT): 5 before (the booking and its mail each alone, then the seat).
        ["POST Book (303)"] = 3,
        // Rare next to 予約する and its 満席: not folded (see README).
        ["POST Change (303)"] = 13, ["POST Cancel (303)"] = 11,
    };

    private static readonly Dictionary<string, int> PostgresBounds = new(SqliteBounds)
    {
        ["POST Change (303)"] = 12, ["POST Cancel (303)"] = 10, // EF batches their writes
    };
}
