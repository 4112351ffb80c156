using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    HostExternalUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    DayUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HostQuotaUsages", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "SelectionMeetings",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Description = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    VideoProvider = table.Column<int>(type: "integer", nullable: true),
                    HostExternalUserId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    HostDisplayName = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    DefaultCapacity = table.Column<int>(type: "integer", nullable: false),
                    BookingDeadlineMinutes = table.Column<int>(type: "integer", nullable: false),
                    CancellationDeadlineMinutes = table.Column<int>(type: "integer", nullable: false),
                    WaitingRoom = table.Column<bool>(type: "boolean", nullable: false),
                    Passcode = table.Column<bool>(type: "boolean", nullable: false),
                    PersonalJoinLinks = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    EventId = table.Column<Guid>(type: "uuid", nullable: false),
                    StartUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    EndUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Capacity = table.Column<int>(type: "integer", nullable: false),
                    Venue = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    Shown = table.Column<bool>(type: "boolean", nullable: false),
                    Deleted = table.Column<bool>(type: "boolean", nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    MeetingState = table.Column<int>(type: "integer", nullable: false),
                    WantedVersion = table.Column<int>(type: "integer", nullable: false),
                    AppliedVersion = table.Column<int>(type: "integer", nullable: false),
                    ZoomMeetingId = table.Column<long>(type: "bigint", nullable: true),
                    ZoomMeetingUuid = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    JoinUrl = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ProtectedPasscode = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    ReconciliationTag = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ReconcileFirst = table.Column<bool>(type: "boolean", nullable: false),
                    HostOfMeeting = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    LastError = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    DeletedOnZoomAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    NextAttemptAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClaimedBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    ClaimedUntilUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Attempts = table.Column<int>(type: "integer", nullable: false),
                    IssuedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
