using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class loopSelectionFlow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "StepId",
                table: "SelectionMeetings",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "SelectionResults",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    SelectionMeetingId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<int>(type: "integer", nullable: false),
                    NextSelectionMeetingId = table.Column<Guid>(type: "uuid", nullable: true),
                    Mailed = table.Column<bool>(type: "boolean", nullable: false),
                    SetAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    SetBy = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionResults", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionResults_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SelectionResults_SelectionMeetings_SelectionMeetingId",
                        column: x => x.SelectionMeetingId,
                        principalTable: "SelectionMeetings",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SelectionSteps",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Order = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SelectionSteps", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SelectionSteps_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionMeetings_StepId",
                table: "SelectionMeetings",
                column: "StepId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_ApplicantId",
                table: "SelectionResults",
                column: "ApplicantId");

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_CompanyId_ApplicantId",
                table: "SelectionResults",
                columns: new[] { "CompanyId", "ApplicantId" });

            migrationBuilder.CreateIndex(
                name: "IX_SelectionResults_SelectionMeetingId_ApplicantId",
                table: "SelectionResults",
                columns: new[] { "SelectionMeetingId", "ApplicantId" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_SelectionSteps_CompanyId_Order",
                table: "SelectionSteps",
                columns: new[] { "CompanyId", "Order" });

            migrationBuilder.AddForeignKey(
                name: "FK_SelectionMeetings_SelectionSteps_StepId",
                table: "SelectionMeetings",
                column: "StepId",
                principalTable: "SelectionSteps",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_SelectionMeetings_SelectionSteps_StepId",
                table: "SelectionMeetings");

            migrationBuilder.DropTable(
                name: "SelectionResults");

            migrationBuilder.DropTable(
                name: "SelectionSteps");

            migrationBuilder.DropIndex(
                name: "IX_SelectionMeetings_StepId",
                table: "SelectionMeetings");

            migrationBuilder.DropColumn(
                name: "StepId",
                table: "SelectionMeetings");
        }
    }
}
