using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Booking : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "BookingId",
                table: "OutgoingMails",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "OutgoingMails",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JoinUrl",
                table: "OutgoingMails",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutgoingMails",
                type: "TEXT",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenderKind",
                table: "OutgoingMails",
                type: "TEXT",
                maxLength: 40,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BookingId",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "CalendarSequence",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "JoinUrl",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "Language",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "RenderKind",
                table: "OutgoingMails");
        }
    }
}
