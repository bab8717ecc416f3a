using Conversations.Domain.Common;
using Conversations.Domain.Messaging;
using Conversations.Tests.Support;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>
/// The queries behind the inbox, the badge, an open conversation and a reply never scan a whole table of messages,
/// conversations or memberships: with sequential scans priced out, every plan still finds an index to use (a
/// missing index would leave a "Seq Scan" in the plan).
/// </summary>
public class QueryPlanTests(DomainFixture fixture) : IClassFixture<DomainFixture>
{
    public static TheoryData<string, string> Statements() =>
        new()
        {
            { "inbox", "IX_ConversationMembers_Inbox" },
            { "inbox of a group", "IX_ConversationMembers_Inbox" },
            { "unread", "IX_ConversationMembers_Inbox" },
            { "open: access", "PK_Conversations" },
            { "open: participants", "PK_ConversationMembers" },
            { "open: messages", "IX_Messages_ConversationId_Seq" },
            { "reply: check", "PK_ConversationMembers" },
            { "reply: write", "PK_Conversations" },
        };

    [Theory]
    [MemberData(nameof(Statements))]
    public async Task A_screen_query_reads_messages_conversations_and_memberships_through_indexes_only(
        string statement,
        string index
    )
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(alice);
        var id = (await fixture.StartAsync(bob, "hello", alice)).Value!.ConversationId;
        var reader = new ReaderArguments(
            new ConversationId(id),
            new ParticipantId(alice.Id),
            new PersonId(alice.Id),
            false
        );
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var command = statement switch
        {
            "inbox" => InboxStatement.Instance.Command(
                connection,
                new InboxArguments(
                    new ParticipantId(alice.Id),
                    new PersonId(alice.Id),
                    false,
                    DateTimeOffset.MaxValue,
                    new ConversationId(Guid.Empty),
                    21,
                    151
                )
            ),
            "inbox of a group" => InboxStatement.Instance.Command(
                connection,
                new InboxArguments(
                    new ParticipantId(group.Id),
                    new PersonId(alice.Id),
                    true,
                    DateTimeOffset.MaxValue,
                    new ConversationId(Guid.Empty),
                    21,
                    151
                )
            ),
            "unread" => UnreadStatement.Instance.Command(connection, alice.Id),
            "open: access" => ConversationAccessStatement.Instance.Command(connection, reader),
            "open: participants" => ConversationParticipantsStatement.Instance.Command(connection, reader),
            "open: messages" => ConversationMessagesStatement.Instance.Command(
                connection,
                new MessagesArguments(id, long.MaxValue, 51)
            ),
            "reply: check" => ReplyCheckStatement.Instance.Command(connection, reader),
            _ => AppendMessageStatement.Instance.Command(
                connection,
                new AppendMessageArguments(
                    Actor.Person(alice.Id),
                    id,
                    "hello",
                    null,
                    10,
                    0.5,
                    DateTimeOffset.UtcNow,
                    true
                )
            ),
        };

        var plan = await ExplainAsync(command);

        plan.Should()
            .NotContainAny([
                "Seq Scan on \"Messages\"",
                "Seq Scan on \"Conversations\"",
                "Seq Scan on \"ConversationMembers\"",
            ]);
        plan.Should()
            .Contain($"\"{index}\"", "the index made for this query serves it (not a whole-index scan of another)");
    }

    /// <summary>The statement's plan, with sequential scans priced out, as the use case binds it.</summary>
    private static async Task<string> ExplainAsync(NpgsqlCommand command)
    {
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", command.Connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        command.CommandText = "EXPLAIN " + command.CommandText;
        var lines = new List<string>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
