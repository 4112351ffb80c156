using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.PostgreSql.Migrations
{
    /// <inheritdoc />
    public partial class workersZoomPacingAndReconciliation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "LastReconciledAtUtc",
                table: "VideoLinkages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "LastReconciliationError",
                table: "VideoLinkages",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "NextReconciliationAtUtc",
                table: "VideoLinkages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReconciliationClaimedUntilUtc",
                table: "VideoLinkages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "ZoomCallPacings",
                columns: table => new
                {
                    LinkageId = table.Column<Guid>(type: "uuid", nullable: false),
                    Category = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    NextSlotUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ZoomCallPacings", x => new { x.LinkageId, x.Category });
                    table.ForeignKey(
                        name: "FK_ZoomCallPacings_VideoLinkages_LinkageId",
                        column: x => x.LinkageId,
                        principalTable: "VideoLinkages",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ZoomCallPacings");

            migrationBuilder.DropColumn(
                name: "LastReconciledAtUtc",
                table: "VideoLinkages");

            migrationBuilder.DropColumn(
                name: "LastReconciliationError",
                table: "VideoLinkages");

            migrationBuilder.DropColumn(
                name: "NextReconciliationAtUtc",
                table: "VideoLinkages");

            migrationBuilder.DropColumn(
                name: "ReconciliationClaimedUntilUtc",
                table: "VideoLinkages");
        }
    }
}
