using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BookingFast : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "BookingsVersion",
                table: "Schedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "InterviewersClaimedUntilUtc",
                table: "Schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InterviewersDue",
                table: "Schedules",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_InterviewersDue",
                table: "Schedules",
                column: "InterviewersDue",
                filter: "\"InterviewersDue\"");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Schedules_InterviewersDue",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "BookingsVersion",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "InterviewersClaimedUntilUtc",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "InterviewersDue",
                table: "Schedules");
        }
    }
}
