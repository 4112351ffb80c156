using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Saiyo.Migrations.Sqlite.Migrations
{
    /// <inheritdoc />
    public partial class BookingMailPending : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "BookingMailPending",
                table: "Bookings",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            // Bookings mailed before MailedJoinUrl was kept told the join URL the mail then showed (personal, else the
            // issued meeting's): recorded, so that the link worker does not mail them all a "link ready".
            migrationBuilder.Sql("""
                UPDATE "Bookings" SET "MailedJoinUrl" = COALESCE("PersonalJoinUrl",
                    (SELECT s."JoinUrl" FROM "Schedules" s WHERE s."Id" = "Bookings"."ScheduleId" AND s."MeetingState" = 2))
                WHERE "MailedJoinUrl" IS NULL
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "BookingMailPending",
                table: "Bookings");
        }
    }
}
