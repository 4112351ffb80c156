using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
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
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "CalendarSequence",
                table: "OutgoingMails",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "JoinUrl",
                table: "OutgoingMails",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Language",
                table: "OutgoingMails",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "RenderKind",
                table: "OutgoingMails",
                type: "character varying(40)",
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
