using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Saiyo.Data;

/// <summary>Stores DateTime as UTC and marks it UTC when read (SQLite keeps no kind; Npgsql insists on it).</summary>
public sealed class UtcDateTimeConverter() : ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Utc ? v : v.ToUniversalTime(),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
