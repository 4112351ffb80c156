using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
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
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTime>(
                name: "InterviewersClaimedUntilUtc",
                table: "Schedules",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "InterviewersDue",
                table: "Schedules",
                type: "boolean",
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
