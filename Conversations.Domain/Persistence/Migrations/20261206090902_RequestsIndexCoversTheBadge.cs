using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class RequestsIndexCoversTheBadge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" },
                filter: "\"Request\" <> 0")
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq", "Request" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Requests",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" },
                filter: "\"Request\" = 1");
        }
    }
}
