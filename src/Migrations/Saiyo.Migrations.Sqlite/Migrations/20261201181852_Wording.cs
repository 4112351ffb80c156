using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class Wording : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "MailContact",
                table: "Companies",
                type: "TEXT",
                maxLength: 300,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "MailSenderName",
                table: "Companies",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Parameters",
                table: "AuditEntries",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ProtectedMyPageToken",
                table: "Applicants",
                type: "TEXT",
                maxLength: 1000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "MailContact",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "MailSenderName",
                table: "Companies");

            migrationBuilder.DropColumn(
                name: "Parameters",
                table: "AuditEntries");

            migrationBuilder.DropColumn(
                name: "ProtectedMyPageToken",
                table: "Applicants");
        }
    }
}
