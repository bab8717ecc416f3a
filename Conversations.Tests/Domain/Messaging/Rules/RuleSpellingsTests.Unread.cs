using Conversations.Domain.Messaging;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Conversations.Tests.Domain;

/// <summary>What counts as unread, in C# and in SQL.</summary>
public partial class RuleSpellingsTests
{
    [Fact]
    public async Task Unread_what_counts_and_what_the_badge_hears_are_the_same_in_CSharp_and_in_SQL_for_every_request_state_mute_and_position()
    {
        var cases = (
            from request in Enum.GetValues<MessageRequest>()
            from lastSeq in new long[] { 0, 1, 7 }
            from lastReadSeq in new long[] { 0, 1, 7 }
            from muted in new[] { false, true }
            where lastReadSeq <= lastSeq
            select (request, lastSeq, lastReadSeq, muted)
        ).ToList();
        // What the badge adds for a row: its unread count, unless the reader muted it (then shown in place only).
        static long OnTheBadge((MessageRequest request, long lastSeq, long lastReadSeq, bool muted) c) =>
            Telling.Heard(c.muted) ? Unread.Count(c.lastSeq, c.lastReadSeq, c.request) : 0;
        await using var db = await fixture.DbAsync();
        await db.Database.OpenConnectionAsync();
        var values = string.Join(
            ", ",
            cases.Select(c =>
                $"({c.lastSeq}::bigint, {c.lastReadSeq}::bigint, {(short)c.request}::smallint, {(c.muted ? "true" : "false")})"
            )
        );
        // csharpier-ignore
        await using var command = new NpgsqlCommand(
            $"""
            SELECT {Unread.Sql("m", "m.\"LastReadSeq\"")}, {MessageRequests.CountsSql("m")}, {MessageRequests.WaitingSql("m")},
                   {Telling.HeardSql("m.\"Muted\"")}
              FROM (VALUES {values}) AS m("LastSeq", "LastReadSeq", "Request", "Muted")
            """,
            (NpgsqlConnection)db.Database.GetDbConnection()
        );
        await using var reader = await command.ExecuteReaderAsync();
        foreach (var (request, lastSeq, lastReadSeq, muted) in cases)
        {
            (await reader.ReadAsync()).Should().BeTrue();
            var because = $"a row read to {lastReadSeq} of {lastSeq}, request state {request}, muted {muted}";
            reader.GetInt64(0).Should().Be(Unread.Count(lastSeq, lastReadSeq, request), because + " (shown in place)");
            reader.GetBoolean(3).Should().Be(Telling.Heard(muted), because);
            reader.GetBoolean(1).Should().Be(MessageRequests.Counts(request), because);
            reader.GetBoolean(2).Should().Be(request == MessageRequest.Waiting, because);
        }

        await reader.CloseAsync();
        // csharpier-ignore
        await using var sum = new NpgsqlCommand(
            $"""
            SELECT {Unread.SumSql("m", "m.\"LastReadSeq\"", Telling.HeardSql("m.\"Muted\""))}
              FROM (VALUES {values}) AS m("LastSeq", "LastReadSeq", "Request", "Muted")
            """,
            (NpgsqlConnection)db.Database.GetDbConnection()
        );
        Convert
            .ToInt64(await sum.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture)
            .Should()
            .Be(cases.Sum(OnTheBadge), "the badge's sum is the heard rows' counts added");

        // The person's total, as the badge reads it from their member rows: every state and position at once.
        var person = await AddParticipantAsync(db, isGroup: false, deleted: false);
        foreach (var (request, lastSeq, lastReadSeq, muted) in cases)
        {
            var conversation = Guid.CreateVersion7();
            db.Conversations.Add(
                new Conversation
                {
                    Id = conversation,
                    ParticipantKey = conversation.ToString("N"),
                    LastSeq = lastSeq,
                }
            );
            db.ConversationMembers.Add(
                new ConversationMember
                {
                    ConversationId = conversation,
                    ParticipantId = person,
                    LastSeq = lastSeq,
                    LastReadSeq = lastReadSeq,
                    Request = request,
                    Muted = muted,
                }
            );
        }

        await db.SaveChangesAsync();
        await using var total = new NpgsqlCommand(
            $"SELECT {Unread.PersonalTotalSql("@person")}, {MessageRequests.WaitingCountSql("@person")}",
            (NpgsqlConnection)db.Database.GetDbConnection()
        );
        total.Parameters.Add(new NpgsqlParameter("person", person));
        await using var both = await total.ExecuteReaderAsync();
        await both.ReadAsync();
        Convert
            .ToInt64(both.GetValue(0), System.Globalization.CultureInfo.InvariantCulture)
            .Should()
            .Be(cases.Sum(OnTheBadge), "the personal total leaves the muted rows out, as the sum does");
        both.GetInt64(1).Should().Be(cases.Count(c => c.request == MessageRequest.Waiting));
    }
}
