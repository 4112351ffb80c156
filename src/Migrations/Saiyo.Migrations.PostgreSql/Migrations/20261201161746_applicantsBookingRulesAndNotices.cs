using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class applicantsBookingRulesAndNotices : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BookingLimit",
                table: "InterviewEvents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "CalendarId",
                table: "Bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "Bookings",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<Guid>(
                name: "LimitScopeId",
                table: "Bookings",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NoticeDueAtUtc",
                table: "Bookings",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NoticeKind",
                table: "Bookings",
                type: "character varying(20)",
                maxLength: 20,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Bookings_ApplicantId_LimitScopeId",
                table: "Bookings",
                columns: new[] { "ApplicantId", "LimitScopeId" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Bookings_ApplicantId_LimitScopeId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "BookingLimit",
                table: "InterviewEvents");

            migrationBuilder.DropColumn(
                name: "CalendarId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "LimitScopeId",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "NoticeDueAtUtc",
                table: "Bookings");

            migrationBuilder.DropColumn(
                name: "NoticeKind",
                table: "Bookings");
        }
    }
}
