using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class Results : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "MailId",
                table: "SelectionResults",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "ApplicantId",
                table: "OutgoingMails",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ApplicantEvents",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    ApplicantId = table.Column<Guid>(type: "uuid", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Kind = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    Detail = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    ActorName = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ApplicantEvents", x => x.Id);
                    table.ForeignKey(
                        name: "FK_ApplicantEvents_Applicants_ApplicantId",
                        column: x => x.ApplicantId,
                        principalTable: "Applicants",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_ApplicantEvents_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "SavedApplicantSearches",
                columns: table => new
                {
                    Id = table.Column<Guid>(type: "uuid", nullable: false),
                    CompanyId = table.Column<Guid>(type: "uuid", nullable: false),
                    StaffUserId = table.Column<Guid>(type: "uuid", nullable: false),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    Query = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_SavedApplicantSearches", x => x.Id);
                    table.ForeignKey(
                        name: "FK_SavedApplicantSearches_AspNetUsers_StaffUserId",
                        column: x => x.StaffUserId,
                        principalTable: "AspNetUsers",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_SavedApplicantSearches_Companies_CompanyId",
                        column: x => x.CompanyId,
                        principalTable: "Companies",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_OutgoingMails_ApplicantId_CreatedAtUtc",
                table: "OutgoingMails",
                columns: new[] { "ApplicantId", "CreatedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantEvents_ApplicantId_AtUtc",
                table: "ApplicantEvents",
                columns: new[] { "ApplicantId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_ApplicantEvents_CompanyId",
                table: "ApplicantEvents",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedApplicantSearches_CompanyId",
                table: "SavedApplicantSearches",
                column: "CompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_SavedApplicantSearches_StaffUserId_Name",
                table: "SavedApplicantSearches",
                columns: new[] { "StaffUserId", "Name" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ApplicantEvents");

            migrationBuilder.DropTable(
                name: "SavedApplicantSearches");

            migrationBuilder.DropIndex(
                name: "IX_OutgoingMails_ApplicantId_CreatedAtUtc",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "MailId",
                table: "SelectionResults");

            migrationBuilder.DropColumn(
                name: "ApplicantId",
                table: "OutgoingMails");
        }
    }
}
