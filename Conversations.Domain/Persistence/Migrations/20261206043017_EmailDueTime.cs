using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailDueTime : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_EmailDue",
                table: "ConversationMembers");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "UnmailedSince",
                table: "ConversationMembers",
                type: "timestamp with time zone",
                nullable: true);

            // Rows with unread messages nobody was mailed about: due from their first unread message's time, as the
            // statements keep it from now on.
            migrationBuilder.Sql("""
                UPDATE "ConversationMembers" m SET "UnmailedSince" = f."SentAt"
                  FROM "Messages" f
                 WHERE m."LastSeq" > m."LastReadSeq" AND m."NotifiedSeq" <= m."LastReadSeq"
                   AND f."ConversationId" = m."ConversationId" AND f."Seq" = m."LastReadSeq" + 1;
                """);

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_EmailDue",
                table: "ConversationMembers",
                column: "UnmailedSince",
                filter: "\"UnmailedSince\" IS NOT NULL");
            migrationBuilder.Sql("ANALYZE \"ConversationMembers\";");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_ConversationMembers_EmailDue",
                table: "ConversationMembers");

            migrationBuilder.DropColumn(
                name: "UnmailedSince",
                table: "ConversationMembers");

            migrationBuilder.CreateIndex(
                name: "IX_ConversationMembers_EmailDue",
                table: "ConversationMembers",
                columns: new[] { "ConversationId", "ParticipantId" },
                filter: "\"LastSeq\" > \"LastReadSeq\" AND \"NotifiedSeq\" <= \"LastReadSeq\"");
        }
    }
}
