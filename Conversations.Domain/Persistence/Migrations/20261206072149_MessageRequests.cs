using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class MessageRequests : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers");

            migrationBuilder.AddColumn<bool>(
                name: "StrangersAsRequests",
                table: "Participants",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<short>(
                name: "Request",
                table: "ConversationMembers",
                type: "smallint",
                nullable: false,
                defaultValue: (short)0);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" })
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request" });

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" },
                filter: "\"Request\" = 1");
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
                name: "StrangersAsRequests",
                table: "Participants");

            migrationBuilder.DropColumn(
                name: "Request",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" })
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq" });
        }
    }
}
