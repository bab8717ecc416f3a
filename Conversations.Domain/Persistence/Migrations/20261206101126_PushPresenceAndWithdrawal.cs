using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class PushPresenceAndWithdrawal : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Settled rows are deleted from now on; those kept as done go before their column.
            migrationBuilder.Sql("DELETE FROM \"PushMessages\" WHERE \"DoneAt\" IS NOT NULL;");

            migrationBuilder.DropIndex(
                name: "IX_PushMessages_Due",
                table: "PushMessages");

            migrationBuilder.DropColumn(
                name: "DoneAt",
                table: "PushMessages");

            migrationBuilder.CreateTable(
                name: "ShownNotifications",
                columns: table => new
                {
                    SubscriptionId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    Seq = table.Column<long>(type: "bigint", nullable: false),
                    ShownAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ShownNotifications", x => new { x.SubscriptionId, x.ConversationId });
                    table.ForeignKey(
                        name: "FK_ShownNotifications_PushSubscriptions_SubscriptionId",
                        column: x => x.SubscriptionId,
                        principalTable: "PushSubscriptions",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "VisibleTabs",
                columns: table => new
                {
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ServerId = table.Column<Guid>(type: "uuid", nullable: false),
                    Until = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_VisibleTabs", x => new { x.PersonId, x.ServerId });
                });

            migrationBuilder.CreateIndex(
                name: "IX_PushMessages_Due",
                table: "PushMessages",
                column: "DueAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ShownNotifications");

            migrationBuilder.DropTable(
                name: "VisibleTabs");

            migrationBuilder.DropIndex(
                name: "IX_PushMessages_Due",
                table: "PushMessages");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "DoneAt",
                table: "PushMessages",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_PushMessages_Due",
                table: "PushMessages",
                column: "DueAt",
                filter: "\"DoneAt\" IS NULL");
        }
    }
}
