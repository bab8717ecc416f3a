using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class ExistingAddressesConfirmed : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Writing now waits for a confirmed address. People who opened their account before there was anything to
            // confirm keep writing: their addresses count as confirmed.
            migrationBuilder.Sql("""
                UPDATE "Participants" SET "EmailConfirmed" = true WHERE NOT "IsGroup" AND NOT "EmailConfirmed"
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to undo: which addresses were confirmed by this migration is not recorded.
        }
    }
}
