using Microsoft.EntityFrameworkCore.Migrations;
using NpgsqlTypes;

#nullable disable

namespace Conversations.Domain.Persistence.Migrations
{
    /// <inheritdoc />
    public partial class SearchMessages : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Accents folded before stemming, in each language the site speaks, and one that only folds (see SearchText).
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS unaccent;");
            foreach (var (name, copy, stem) in new[]
            {
                ("conversations_en", "english", "english_stem"),
                ("conversations_es", "spanish", "spanish_stem"),
                ("conversations_ca", "catalan", "catalan_stem"),
                ("conversations_fr", "french", "french_stem"),
                ("conversations_simple", "simple", "simple"),
            })
            {
                migrationBuilder.Sql(
                    $"""
                    CREATE TEXT SEARCH CONFIGURATION {name} (COPY = {copy});
                    ALTER TEXT SEARCH CONFIGURATION {name} ALTER MAPPING FOR hword, hword_part, word WITH unaccent, {stem};
                    """);
            }

            migrationBuilder.AddColumn<string>(
                name: "SearchLanguage",
                table: "Messages",
                type: "character varying(8)",
                maxLength: 8,
                nullable: true);

            migrationBuilder.AddColumn<NpgsqlTsVector>(
                name: "SearchVector",
                table: "Messages",
                type: "tsvector",
                nullable: true,
                computedColumnSql: "to_tsvector((CASE \"SearchLanguage\" WHEN 'en' THEN 'conversations_en'::regconfig WHEN 'es' THEN 'conversations_es'::regconfig WHEN 'ca' THEN 'conversations_ca'::regconfig WHEN 'fr' THEN 'conversations_fr'::regconfig ELSE 'conversations_simple'::regconfig END), \"Body\")",
                stored: true);

            migrationBuilder.CreateIndex(
                name: "IX_Messages_SearchVector",
                table: "Messages",
                column: "SearchVector")
                .Annotation("Npgsql:IndexMethod", "GIN");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Messages_SearchVector",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchVector",
                table: "Messages");

            migrationBuilder.DropColumn(
                name: "SearchLanguage",
                table: "Messages");

            foreach (var name in new[] { "conversations_en", "conversations_es", "conversations_ca", "conversations_fr", "conversations_simple" })
            {
                migrationBuilder.Sql($"DROP TEXT SEARCH CONFIGURATION {name};");
            }
        }
    }
}
