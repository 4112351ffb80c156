using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class IssuanceRate : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NextSlotUtc",
                table: "ZoomCallPacings");

            migrationBuilder.AddColumn<long>(
                name: "NextSlotUnixMs",
                table: "ZoomCallPacings",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NextSlotUnixMs",
                table: "ZoomCallPacings");

            migrationBuilder.AddColumn<DateTime>(
                name: "NextSlotUtc",
                table: "ZoomCallPacings",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified));
        }
    }
}
