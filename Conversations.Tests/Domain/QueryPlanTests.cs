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
    public static TheoryData<string, string> Statements() => new()
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
    public async Task A_screen_query_reads_messages_conversations_and_memberships_through_indexes_only(string statement, string index)
    {
        var (alice, bob) = (await fixture.NewParticipantAsync(), await fixture.NewParticipantAsync());
        var group = await fixture.NewGroupAsync(alice);
        var id = (await fixture.StartAsync(bob, "hello", alice)).Value!.ConversationId;
        string[] managers = ["Admin", "Creator"];
        var (sql, parameters) = statement switch
        {
            "inbox" => (GetInbox.Sql, new object[] { alice.Id, alice.Id, false, DateTimeOffset.MaxValue, Guid.Empty, 21, 151, managers }),
            "inbox of a group" => (GetInbox.Sql, [group.Id, alice.Id, true, DateTimeOffset.MaxValue, Guid.Empty, 21, 151, managers]),
            "unread" => (CountUnread.Sql, [alice.Id, managers]),
            "open: access" => (GetConversation.AccessSql, [id, alice.Id, alice.Id, false, managers]),
            "open: participants" => (GetConversation.ParticipantsSql, [id, alice.Id, alice.Id, managers]),
            "open: messages" => (GetConversation.MessagesSql, [id, long.MaxValue, 51]),
            "reply: check" => (Consent.ReplyCheckSql, [id, alice.Id, alice.Id, false, managers]),
            _ => (MessageAppender.Sql, [alice.Id, "messages", 9.0, 10.0, 0.5, id, alice.Id, DBNull.Value, "hello", DBNull.Value, managers,
                                        "conversation_events", 150, true, false]),
        };

        var plan = await ExplainAsync(sql, parameters);

        plan.Should().NotContainAny(["Seq Scan on \"Messages\"", "Seq Scan on \"Conversations\"", "Seq Scan on \"ConversationMembers\""]);
        plan.Should().Contain($"\"{index}\"", "the index made for this query serves it (not a whole-index scan of another)");
    }

    private async Task<string> ExplainAsync(string sql, object[] parameters)
    {
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using (var off = new NpgsqlCommand("SET enable_seqscan = off", connection))
        {
            await off.ExecuteNonQueryAsync();
        }

        await using var explain = new NpgsqlCommand("EXPLAIN " + sql, connection);
        foreach (var value in parameters)
        {
            explain.Parameters.Add(value is DBNull ? new NpgsqlParameter { Value = value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Uuid } : new NpgsqlParameter { Value = value });
        }

        var lines = new List<string>();
        await using var reader = await explain.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            lines.Add(reader.GetString(0));
        }

        return string.Join('\n', lines);
    }
}
