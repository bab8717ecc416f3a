using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MuteArchiveUnread : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers");

            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers");

            migrationBuilder.AddColumn<long>(
                name: "ArchivedSeq",
                table: "GroupReadPositions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Muted",
                table: "GroupReadPositions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "InboxMuted",
                table: "GroupMembers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<long>(
                name: "ArchivedSeq",
                table: "ConversationMembers",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "Muted",
                table: "ConversationMembers",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" })
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request", "Muted", "ArchivedSeq" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" },
                filter: "\"Request\" <> 0 OR \"Muted\"")
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request", "Muted" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers");

            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "ArchivedSeq",
                table: "GroupReadPositions");

            migrationBuilder.DropColumn(
                name: "Muted",
                table: "GroupReadPositions");

            migrationBuilder.DropColumn(
                name: "InboxMuted",
                table: "GroupMembers");

            migrationBuilder.DropColumn(
                name: "ArchivedSeq",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "Muted",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" })
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" },
                filter: "\"Request\" <> 0")
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request" });
        }
    }
}
