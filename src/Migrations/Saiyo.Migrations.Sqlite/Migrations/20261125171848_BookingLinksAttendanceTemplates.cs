using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BookingLinksAttendanceTemplates : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "AttendanceAttempts",
                table: "Schedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "AttendanceClaimedUntilUtc",
                table: "Schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "AttendanceError",
                table: "Schedules",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "AttendanceNextAttemptAtUtc",
                table: "Schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AttendanceState",
                table: "Schedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "MeetingEndedAtUtc",
                table: "Schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "AttendanceSource",
                table: "Bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "LinkAttempts",
                table: "Bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkClaimedUntilUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LinkError",
                table: "Bookings",
                type: "TEXT",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LinkNextAttemptAtUtc",
                table: "Bookings",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailedJoinUrl",
                table: "Bookings",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "RegistrantMeetingId",
                table: "Bookings",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "MailTemplates",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 40, nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 8, nullable: false),
                    Subject = table.Column<string>(type: "TEXT", maxLength: 300, nullable: false),
                    Body = table.Column<string>(type: "TEXT", maxLength: 8000, nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedBy = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_MailTemplates", x => x.Id);
                    table.ForeignKey(
                        name: "FK_MailTemplates_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_MailTemplates_CompanyId_Kind_Language",
                table: "MailTemplates",
                columns: new[] { "CompanyId", "Kind", "Language" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "MailTemplates");

            migrationBuilder.DropColumn(
                name: "AttendanceAttempts",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "AttendanceClaimedUntilUtc",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "AttendanceError",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "AttendanceNextAttemptAtUtc",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "AttendanceState",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "MeetingEndedAtUtc",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "AttendanceSource",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LinkAttempts",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LinkClaimedUntilUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LinkError",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LinkNextAttemptAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "MailedJoinUrl",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "RegistrantMeetingId",
                table: "Bookings");
        }
    }
}
