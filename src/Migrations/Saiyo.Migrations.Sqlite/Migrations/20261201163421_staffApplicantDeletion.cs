using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class staffApplicantDeletion : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "EraseAfterSend",
                table: "OutgoingMails",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "AutoDeleteApplicantsAfterMonths",
                table: "Companies",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "DeletedAtUtc",
                table: "Applicants",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "EraseAfterSend",
                table: "OutgoingMails");

            migrationBuilder.DropColumn(
                name: "AutoDeleteApplicantsAfterMonths",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "DeletedAtUtc",
                table: "Applicants");
        }
    }
}
