using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Pools : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "MeetingsPerHost",
                table: "VideoLinkages",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "PoolHostExternalUserId",
                table: "Schedules",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "HostMode",
                table: "InterviewEvents",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.CreateTable(
                name: "EventPoolHosts",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    ExternalUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    DisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventPoolHosts", x => new { x.EventId, x.ExternalUserId });
                    table.ForeignKey(
                        name: "FK_EventPoolHosts_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "HostSlots",
                columns: table => new
                {
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    HostExternalUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    SliceUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Lane = table.Column<int>(type: "integer", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostSlots", x => new { x.CompanyId, x.HostExternalUserId, x.SliceUtc, x.Lane });
                    table.ForeignKey(
                        name: "FK_HostSlots_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EventPoolHosts_CompanyId_ExternalUserId",
                table: "EventPoolHosts",
                columns: new[] { "CompanyId", "ExternalUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_HostSlots_ScheduleId",
                table: "HostSlots",
                column: "ScheduleId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EventPoolHosts");

            migrationBuilder.DropTable(
                name: "HostSlots");

            migrationBuilder.DropColumn(
                name: "MeetingsPerHost",
                table: "VideoLinkages");

            migrationBuilder.DropColumn(
                name: "PoolHostExternalUserId",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "HostMode",
                table: "InterviewEvents");
        }
    }
}
