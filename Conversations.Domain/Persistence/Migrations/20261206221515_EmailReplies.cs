using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class EmailReplies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "InReplyTo",
                table: "EmailOutbox",
                type: "character varying(998)",
                maxLength: 998,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReplyTo",
                table: "EmailOutbox",
                type: "character varying(256)",
                maxLength: 256,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "EmailReplyAddresses",
                columns: table => new
                {
                    Key = table.Column<string>(type: "character varying(26)", maxLength: 26, nullable: false),
                    PersonId = table.Column<Guid>(type: "uuid", nullable: false),
                    ConversationId = table.Column<Guid>(type: "uuid", nullable: false),
                    GroupId = table.Column<Guid>(type: "uuid", nullable: true),
                    ExpiresAt = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_EmailReplyAddresses", x => x.Key);
                });

            migrationBuilder.CreateIndex(
                name: "IX_EmailReplyAddresses_ExpiresAt",
                table: "EmailReplyAddresses",
                column: "ExpiresAt");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "EmailReplyAddresses");

            migrationBuilder.DropColumn(
                name: "InReplyTo",
                table: "EmailOutbox");

            migrationBuilder.DropColumn(
                name: "ReplyTo",
                table: "EmailOutbox");
        }
    }
}
