using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;
using Saiyo.Data;
using Saiyo.Data.Applicants;
using Saiyo.Data.Mail;
using Saiyo.Data.Selection;

namespace Saiyo.Web.Applicants;

/// <summary>
/// An applicant's booking as one command: the seat's conditional UPDATE, the booking row and its outbox row. On PostgreSQL one
/// data-modifying CTE committed by itself: one round trip instead of BEGIN, two INSERTs, the UPDATE and COMMIT; and the
/// booking INSERT's foreign-key check finds the 日程 row already locked by this statement's own UPDATE, so a contended 日程
/// no longer gets a KEY SHARE lock (a multixact) per booking. On SQLite (no data-modifying CTE) the same three as one command
/// of three statements, each INSERT only if the statement before it wrote (<c>changes() = 1</c>), in a transaction: the write
/// gate is held for BEGIN, this command and COMMIT, with every value already bound (not for EF's update pipeline). Either is
/// atomic: a unique index refusing the booking (double booking, 「予約できる数」) undoes the seat with it.
/// </summary>
/// <remarks>
/// The column lists come from EF's model (table and column names, each value through its property's type mapping and
/// converter), so a property added to <see cref="Booking"/> or <see cref="OutgoingMail"/> is written here too: there is no
/// second copy of the schema to drift. Values are parameters, never text in the SQL. The seat's UPDATE is built once here and
/// also run alone by the other booking paths (代行予約, the personal-link booking, 変更), so the seat rule cannot differ between them.
/// </remarks>
internal static class BookingStatement
{
    /// <summary>
    /// Takes a seat of <paramref name="scheduleId"/> (shown, not deleted, starting after <paramref name="cutoff"/>, below its
    /// capacity: the same UPDATE as <see cref="TryTakeSeatAsync"/>) and inserts <paramref name="booking"/> and <paramref name="mail"/>.
    /// False when no seat was taken (nothing written); a unique index's refusal throws (<see cref="IsUniqueViolation"/>), with
    /// nothing written either.
    /// </summary>
    public static async Task<bool> TryBookAsync(SaiyoDbContext db, Guid scheduleId, DateTime cutoff, Booking booking, OutgoingMail mail, CancellationToken ct)
    {
        var statement = For(db);
        var parameters = new List<DbParameter>(2 + statement.Booking.Length + statement.Mail.Length);
        AddSeat(parameters, statement, scheduleId, cutoff);
        Add(parameters, statement.Factory, "b", statement.Booking, booking);
        Add(parameters, statement.Factory, "m", statement.Mail, mail);
        if (db.Database.IsNpgsql()) return await db.Database.ExecuteSqlRawAsync(statement.Sql, parameters, ct) == 1;
        // SQLite counts the rows of all three statements: 3 with a seat, 0 without. Disposed uncommitted, it rolls back.
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        if (await db.Database.ExecuteSqlRawAsync(statement.Sql, parameters, ct) == 0) return false;
        await tx.CommitAsync(ct);
        return true;
    }

    /// <summary>
    /// The seat's conditional UPDATE alone (代行予約, the personal-link booking, 変更), inside the caller's transaction: the
    /// same text as the one statement's, so the seat rule has one source. <paramref name="byStaff"/>: a hidden 日程 too.
    /// </summary>
    public static async Task<bool> TryTakeSeatAsync(SaiyoDbContext db, Guid scheduleId, DateTime cutoff, bool byStaff, CancellationToken ct)
    {
        var statement = For(db);
        var parameters = new List<DbParameter>(2);
        AddSeat(parameters, statement, scheduleId, cutoff);
        return await db.Database.ExecuteSqlRawAsync(byStaff ? statement.StaffSeat : statement.Seat, parameters, ct) == 1;
    }

    public static bool IsUniqueViolation(Exception e) =>
        e is PostgresException { SqlState: PostgresErrorCodes.UniqueViolation } or SqliteException { SqliteExtendedErrorCode: SqliteUniqueViolation };

    private const int SqliteUniqueViolation = 2067; // SQLITE_CONSTRAINT_UNIQUE

    private static Statement For(SaiyoDbContext db) =>
        Statements.TryGetValue(db.Model, out var statement) ? statement : Statements.GetValue(db.Model, _ => Build(db));

    private static void AddSeat(List<DbParameter> parameters, Statement statement, Guid scheduleId, DateTime cutoff)
    {
        parameters.Add(statement.ScheduleId.CreateParameter(statement.Factory, "s", scheduleId, false));
        parameters.Add(statement.Cutoff.CreateParameter(statement.Factory, "cutoff", cutoff, false));
    }

    private static void Add(List<DbParameter> parameters, DbCommand factory, string prefix, IProperty[] columns, object entity)
    {
        for (var i = 0; i < columns.Length; i++)
        {
            var p = columns[i];
            parameters.Add(p.GetRelationalTypeMapping().CreateParameter(factory, prefix + i, p.GetGetter().GetClrValue(entity), p.IsNullable));
        }
    }

    /// <param name="Factory">
    /// Makes the parameters (a type mapping creates them through a command): one detached command of the provider, never run,
    /// instead of a throwaway command per booking. Its CreateParameter only news up a parameter, so it is shared.
    /// </param>
    private sealed record Statement(string Sql, string Seat, string StaffSeat, RelationalTypeMapping ScheduleId, RelationalTypeMapping Cutoff, IProperty[] Booking, IProperty[] Mail,
        DbCommand Factory);

    private static readonly ConditionalWeakTable<IModel, Statement> Statements = new();

    private static Statement Build(SaiyoDbContext db)
    {
        var sql = db.GetService<ISqlGenerationHelper>();
        var schedule = db.Model.FindEntityType(typeof(Schedule))!;
        var scheduleTable = schedule.GetTableMappings().Single().Table;
        string S(string property) => sql.DelimitIdentifier(schedule.FindProperty(property)!.GetTableColumnMappings().Single(m => m.TableMapping.Table == scheduleTable).Column.Name);
        var (bookingTable, bookingColumns) = Columns(sql, db.Model, typeof(Booking), "b");
        var (mailTable, mailColumns) = Columns(sql, db.Model, typeof(OutgoingMail), "m");
        var (booked, version) = (S(nameof(Schedule.BookedCount)), S(nameof(Schedule.BookingsVersion)));
        // The seat rule, in one place: not deleted, shown (an applicant's booking; staff may book a hidden 日程), starting
        // after the cutoff (the booking deadline), below its capacity. The UPDATE marks the 日程 for the interviewers' worker.
        string SeatUpdate(bool byStaff) => new StringBuilder()
            .Append("UPDATE ").Append(sql.DelimitIdentifier(scheduleTable.Name, scheduleTable.Schema))
            .Append(" SET ").Append(booked).Append(" = ").Append(booked).Append(" + 1, ")
            .Append(version).Append(" = ").Append(version).Append(" + 1, ")
            .Append(S(nameof(Schedule.InterviewersDue))).Append(" = TRUE")
            .Append(" WHERE ").Append(S(nameof(Schedule.Id))).Append(" = @s AND NOT ").Append(S(nameof(Schedule.Deleted)))
            .Append(byStaff ? "" : " AND " + S(nameof(Schedule.Shown))).Append(" AND ").Append(S(nameof(Schedule.StartUtc))).Append(" > @cutoff")
            .Append(" AND ").Append(booked).Append(" < ").Append(S(nameof(Schedule.Capacity)))
            .ToString();
        var seat = SeatUpdate(false);
        var text = db.Database.IsNpgsql()
            ? new StringBuilder()
                .Append("WITH seat AS (").Append(seat).Append(" RETURNING 1), ")
                .Append("booking AS (INSERT INTO ").Append(bookingTable).Append(" FROM seat RETURNING 1) ")
                .Append("INSERT INTO ").Append(mailTable).Append(" FROM booking")
                .ToString()
            : new StringBuilder()
                .Append(seat).Append(";\n")
                .Append("INSERT INTO ").Append(bookingTable).Append(" WHERE changes() = 1;\n")
                .Append("INSERT INTO ").Append(mailTable).Append(" WHERE changes() = 1;")
                .ToString();
        return new(text, seat, SeatUpdate(true), schedule.FindProperty(nameof(Schedule.Id))!.GetRelationalTypeMapping(),
            schedule.FindProperty(nameof(Schedule.StartUtc))!.GetRelationalTypeMapping(), bookingColumns, mailColumns,
            DbProviderFactories.GetFactory(db.Database.GetDbConnection())!.CreateCommand()!);
    }

    /// <summary>"table (columns) SELECT @p0, @p1, …" for every column of the entity's table, from the model, and the properties in that order.</summary>
    private static (string Insert, IProperty[] Columns) Columns(ISqlGenerationHelper sql, IModel model, Type entity, string prefix)
    {
        var type = model.FindEntityType(entity)!;
        var table = type.GetTableMappings().Single();
        var columns = table.ColumnMappings.ToArray();
        // A shadow property has no value on the object to write: this statement would silently store its default.
        if (columns.FirstOrDefault(c => c.Property.IsShadowProperty()) is { } shadow)
            throw new InvalidOperationException($"{type.ShortName()}.{shadow.Property.Name} is a shadow property: the one-statement booking writes only what the entity holds.");
        var insert = sql.DelimitIdentifier(table.Table.Name, table.Table.Schema)
            + " (" + string.Join(", ", columns.Select(c => sql.DelimitIdentifier(c.Column.Name)))
            + ") SELECT " + string.Join(", ", columns.Select((_, i) => "@" + prefix + i));
        return (insert, columns.Select(c => c.Property).ToArray());
    }
}
