using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class loopInterviewersEvaluations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "EvaluationItems",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Order = table.Column<int>(type: "INTEGER", nullable: false),
                    Label = table.Column<string>(type: "TEXT", maxLength: 200, nullable: false),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    Required = table.Column<bool>(type: "INTEGER", nullable: false),
                    Choices = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationItems", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationItems_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EvaluationReminders",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InterviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SentAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EvaluationReminders", x => x.Id);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_AspNetUsers_InterviewerId",
                        column: x => x.InterviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EvaluationReminders_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "Evaluations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "TEXT", nullable: false),
                    InterviewerId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Recommendation = table.Column<int>(type: "INTEGER", nullable: false),
                    Answers = table.Column<string>(type: "TEXT", maxLength: 20000, nullable: false),
                    SubmittedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Evaluations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Evaluations_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Evaluations_AspNetUsers_InterviewerId",
                        column: x => x.InterviewerId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_Evaluations_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "EventInterviewers",
                columns: table => new
                {
                    EventId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EventInterviewers", x => new { x.EventId, x.StaffUserId });
                    table.ForeignKey(
                        name: "FK_EventInterviewers_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_EventInterviewers_InterviewEvents_EventId",
                        column: x => x.EventId,
                        principalTable: "InterviewEvents",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "InterviewerInvitations",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false),
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    Sequence = table.Column<int>(type: "INTEGER", nullable: false),
                    Active = table.Column<bool>(type: "INTEGER", nullable: false),
                    MailedBookings = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_InterviewerInvitations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_InterviewerInvitations_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_InterviewerInvitations_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "ScheduleInterviewers",
                columns: table => new
                {
                    ScheduleId = table.Column<Guid>(type: "TEXT", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "TEXT", nullable: false),
                    CompanyId = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ScheduleInterviewers", x => new { x.ScheduleId, x.StaffUserId });
                    table.ForeignKey(
                        name: "FK_ScheduleInterviewers_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ScheduleInterviewers_Schedules_ScheduleId",
                        column: x => x.ScheduleId,
                        principalTable: "Schedules",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationItems_CompanyId_SelectionMeetingId_Order",
                table: "EvaluationItems",
                columns: new[] { "CompanyId", "SelectionMeetingId", "Order" });

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationItems_SelectionMeetingId",
                table: "EvaluationItems",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_ApplicantId",
                table: "EvaluationReminders",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_InterviewerId",
                table: "EvaluationReminders",
                column: "InterviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_EvaluationReminders_ScheduleId_ApplicantId_InterviewerId",
                table: "EvaluationReminders",
                columns: new[] { "ScheduleId", "ApplicantId", "InterviewerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_ApplicantId_SelectionMeetingId_InterviewerId",
                table: "Evaluations",
                columns: new[] { "ApplicantId", "SelectionMeetingId", "InterviewerId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_CompanyId_InterviewerId",
                table: "Evaluations",
                columns: new[] { "CompanyId", "InterviewerId" });

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_InterviewerId",
                table: "Evaluations",
                column: "InterviewerId");

            migrationBuilder.CreateIndex(
                name: "IX_Evaluations_SelectionMeetingId",
                table: "Evaluations",
                column: "SelectionMeetingId");

            migrationBuilder.CreateIndex(
                name: "IX_EventInterviewers_CompanyId_StaffUserId",
                table: "EventInterviewers",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_EventInterviewers_StaffUserId",
                table: "EventInterviewers",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_CompanyId_StaffUserId",
                table: "InterviewerInvitations",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_ScheduleId_StaffUserId",
                table: "InterviewerInvitations",
                columns: new[] { "ScheduleId", "StaffUserId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_InterviewerInvitations_StaffUserId",
                table: "InterviewerInvitations",
                column: "StaffUserId");

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleInterviewers_CompanyId_StaffUserId",
                table: "ScheduleInterviewers",
                columns: new[] { "CompanyId", "StaffUserId" });

            migrationBuilder.CreateIndex(
                name: "IX_ScheduleInterviewers_StaffUserId",
                table: "ScheduleInterviewers",
                column: "StaffUserId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EvaluationItems");

            migrationBuilder.DropTable(
                name: "EvaluationReminders");

            migrationBuilder.DropTable(
                name: "Evaluations");

            migrationBuilder.DropTable(
                name: "EventInterviewers");

            migrationBuilder.DropTable(
                name: "InterviewerInvitations");

            migrationBuilder.DropTable(
                name: "ScheduleInterviewers");
        }
    }
}
