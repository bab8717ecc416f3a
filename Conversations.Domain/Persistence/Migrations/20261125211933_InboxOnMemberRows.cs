using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class InboxOnMemberRows : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_ParticipantId",
                table: "ConversationMembers");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "LastActivityAt",
                table: "ConversationMembers",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.AddColumn<long>(
                name: "LastSeq",
                table: "ConversationMembers",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // Existing conversations: copy each one's position onto its members' rows.
            migrationBuilder.Sql("""
                UPDATE "ConversationMembers" AS m SET "LastSeq" = c."LastSeq", "LastActivityAt" = c."LastActivityAt"
                FROM "Conversations" AS c WHERE c."Id" = m."ConversationId";
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers",
                columns: new[] { "ParticipantId", "LastActivityAt", "ConversationId" })
                .Annotation("Npgsql:IndexInclude", new[] { "LastSeq", "LastReadSeq" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_Inbox",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "LastActivityAt",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "LastSeq",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_ParticipantId",
                table: "ConversationMembers",
                column: "ParticipantId");
        }
    }
}
