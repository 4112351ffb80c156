using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class ParallelInterviewers : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "HostInterviewerId",
                table: "Schedules",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Schedules_HostInterviewerId",
                table: "Schedules",
                column: "HostInterviewerId");

            migrationBuilder.AddForeignKey(
                name: "FK_Schedules_AspNetUsers_HostInterviewerId",
                table: "Schedules",
                column: "HostInterviewerId",
                principalTable: "AspNetUsers",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Schedules_AspNetUsers_HostInterviewerId",
                table: "Schedules");

            migrationBuilder.DropIndex(
                name: "IX_Schedules_HostInterviewerId",
                table: "Schedules");

            migrationBuilder.DropColumn(
                name: "HostInterviewerId",
                table: "Schedules");
        }
    }
}
