using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class AddSelectionMeetingsAndSchedules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "HostQuotaUsages",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    HostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    DayUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostQuotaUsages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SelectionMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionMeetings", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionMeetings_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterviewEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Name = table.Column<string>(type: "TEXT", maxLength: 100, nullable: false),
                    VideoProvider = table.Column<int>(type: "INTEGER", nullable: true),
                    HostExternalUserId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    HostDisplayName = table.Column<string>(type: "TEXT", maxLength: 400, nullable: true),
                    DefaultCapacity = table.Column<int>(type: "INTEGER", nullable: false),
                    BookingDeadlineMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    CancellationDeadlineMinutes = table.Column<int>(type: "INTEGER", nullable: false),
                    WaitingRoom = table.Column<bool>(type: "INTEGER", nullable: false),
                    Passcode = table.Column<bool>(type: "INTEGER", nullable: false),
                    PersonalJoinLinks = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewEvents_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "Schedules",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    Capacity = table.Column<int>(type: "INTEGER", nullable: false),
                    Venue = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    Shown = table.Column<bool>(type: "INTEGER", nullable: false),
                    Deleted = table.Column<bool>(type: "INTEGER", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    MeetingState = table.Column<int>(type: "INTEGER", nullable: false),
                    WantedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    AppliedVersion = table.Column<int>(type: "INTEGER", nullable: false),
                    ZoomMeetingId = table.Column<long>(type: "INTEGER", nullable: true),
                    ZoomMeetingUuid = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    JoinUrl = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ProtectedPasscode = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    ReconciliationTag = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ReconcileFirst = table.Column<bool>(type: "INTEGER", nullable: false),
                    HostOfMeeting = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LastError = table.Column<string>(type: "TEXT", maxLength: 1000, nullable: true),
                    DeletedOnZoomAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClaimedBy = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    Attempts = table.Column<int>(type: "INTEGER", nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Schedules", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Schedules_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HostQuotaUsages_CompanyId_HostExternalUserId_DayUtc",
                table: "HostQuotaUsages",
                columns: new[] { "CompanyId", "HostExternalUserId", "DayUtc" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InterviewEvents_CompanyId_SelectionMeetingId",
                table: "InterviewEvents",
                columns: new[] { "CompanyId", "SelectionMeetingId" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewEvents_SelectionMeetingId",
                table: "InterviewEvents",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_CompanyId_EventId_StartUtc",
                table: "Schedules",
                columns: new[] { "CompanyId", "EventId", "StartUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_EventId",
                table: "Schedules",
                column: "EventId");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_NextAttemptAtUtc",
                table: "Schedules",
                column: "NextAttemptAtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_ZoomMeetingId",
                table: "Schedules",
                column: "ZoomMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionMeetings_CompanyId_CreatedAtUtc",
                table: "SelectionMeetings",
                columns: new[] { "CompanyId", "CreatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "HostQuotaUsages");

            migrationBuilder.DropTable(
                name: "Schedules");

            migrationBuilder.DropTable(
                name: "InterviewEvents");

            migrationBuilder.DropTable(
                name: "SelectionMeetings");
        }
    }
}
