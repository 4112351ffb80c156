using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Web.Hosting;

namespace Saiyo.Web.Applicants;

public sealed class BookingReminderOptions
{
    public const string Section = "Applicants:Reminders";
    /// <summary>Reminders go out this long before the start (the day before).</summary>
    public TimeSpan Before { get; set; } = TimeSpan.FromHours(24);
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);
}

/// <summary>
/// Sends each active 予約 one reminder the day before. Several nodes may run this: a booking is claimed by a
/// conditional UPDATE of <see cref="Booking.ReminderSentAtUtc"/>, and the mail is saved in the same transaction.
/// </summary>
public sealed class BookingReminderWorker(IServiceScopeFactory scopes, IOptionsMonitor<BookingReminderOptions> options, TimeProvider time, ILogger<BookingReminderWorker> logger)
    : PollingWorker(logger)
{
    protected override TimeSpan PollInterval => options.CurrentValue.PollInterval;

    protected override async Task PollOnceAsync(CancellationToken ct)
    {
        using var scope = scopes.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<SaiyoDbContext>();
        var mails = scope.ServiceProvider.GetRequiredService<BookingMails>();
        var now = time.GetUtcNow().UtcDateTime;
        var until = now + options.CurrentValue.Before;
        var due = await (
            from b in db.Bookings.AsNoTracking()
            join s in db.Schedules.AsNoTracking() on b.ScheduleId equals s.Id
            where b.State == BookingState.Active && b.ReminderSentAtUtc == null && !s.Deleted && s.StartUtc > now && s.StartUtc <= until
            select b.Id).Take(100).ToListAsync(ct);
        foreach (var id in due)
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var claimed = await db.Bookings.Where(b => b.Id == id && b.ReminderSentAtUtc == null && b.State == BookingState.Active)
                .ExecuteUpdateAsync(x => x.SetProperty(b => b.ReminderSentAtUtc, now), ct);
            if (claimed == 0) continue;
            var booking = await db.Bookings.AsNoTracking().FirstAsync(b => b.Id == id, ct);
            var applicant = await db.Applicants.AsNoTracking().FirstAsync(a => a.Id == booking.ApplicantId, ct);
            await mails.ReminderAsync(applicant, booking, ct);
            await db.SaveChangesAsync(ct);
            await tx.CommitAsync(ct);
            db.ChangeTracker.Clear();
        }
    }
}
