using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>
/// Which way a search takes is decided from the planner's statistics of the stored words: a word most messages hold is
/// found by walking the reader's conversations, a word hardly anyone wrote through the words' index. Its own database
/// (its own fixture), analysed after it is filled, so the statistics are those of these messages only.
/// </summary>
public class SearchWayTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    [Fact]
    public async Task Words_most_messages_hold_are_common_and_one_word_nobody_wrote_makes_the_search_uncommon()
    {
        var (ann, ben) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var started = await fixture.StartAsync(ann, "Is the bike lane open again?", ben);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        // Half the messages in English, half of no language (folded, not stemmed): "bike" is 'bike' in both, but 'bik'
        // in Spanish, a stem no message holds — the case that once sent "bike lane" through the index.
        await using (
            var fill = new NpgsqlCommand(
                """
                INSERT INTO "Messages" ("ConversationId", "Seq", "SenderId", "Body", "SentAt", "SearchLanguage")
                SELECT @conversation, 1 + g, @sender, 'The bike lane by the river, note ' || g, now(), CASE WHEN g % 2 = 0 THEN 'en' END
                  FROM generate_series(1, 3000) AS g;
                ANALYZE "Messages";
                """,
                connection
            )
        )
        {
            fill.Parameters.AddWithValue("conversation", started.Value!.ConversationId);
            fill.Parameters.AddWithValue("sender", ann.Id);
            await fill.ExecuteNonQueryAsync();
        }

        async Task<bool> UncommonAsync(string words)
        {
            await using var command = UncommonWordsStatement.Instance.Command(connection, words);
            return (bool)(await command.ExecuteScalarAsync())!;
        }

        (await UncommonAsync("bike lane")).Should().BeFalse("every message holds both words");
        (await UncommonAsync("Bike  LANE \"river\"")).Should().BeFalse("case, spaces and quotes change nothing");
        (await UncommonAsync("zeppelin")).Should().BeTrue("no message holds it");
        (await UncommonAsync("bike zeppelin")).Should().BeTrue("one uncommon word is enough: few messages hold both");
        (await UncommonAsync("bike -zeppelin")).Should().BeFalse("a word left out finds nothing by itself");
        (await UncommonAsync("bike or lane")).Should().BeFalse("'or' is not a word searched for");
    }
}
