using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ManagersEmailed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<long>(
                name: "NotifiedSeq",
                table: "GroupReadPositions",
                type: "bigint",
                nullable: false,
                defaultValue: 0L);

            // As for people: group messages already unread before email existed are not mailed about to managers.
            // (The manager roles as they are stored at the time of this migration.)
            migrationBuilder.Sql("""
                INSERT INTO "GroupReadPositions" ("ConversationId", "GroupId", "ManagerId", "LastReadSeq", "NotifiedSeq")
                SELECT m."ConversationId", m."ParticipantId", gm."MemberId", 0, m."LastSeq"
                  FROM "ConversationMembers" m JOIN "GroupMembers" gm ON gm."GroupId" = m."ParticipantId" AND gm."Role" IN ('Admin', 'Creator')
                ON CONFLICT ("ConversationId", "GroupId", "ManagerId") DO UPDATE SET "NotifiedSeq" = EXCLUDED."NotifiedSeq"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NotifiedSeq",
                table: "GroupReadPositions");
        }
    }
}
