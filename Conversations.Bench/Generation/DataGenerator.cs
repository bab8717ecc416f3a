using System.Diagnostics;
using System.Text;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;
using Npgsql;
using NpgsqlTypes;

namespace Conversations.Bench.Generation;

/// <summary>
/// Fills an empty, migrated database with a large platform through PostgreSQL's binary COPY. Deterministic (fixed
/// seed), so two runs give the same data.
/// </summary>
public sealed class DataGenerator(NpgsqlDataSource database, Shape shape, TextWriter log)
{
    private readonly DateTimeOffset now = DateTimeOffset.UtcNow;

    private static readonly string[] FirstNames =
    [
        "Alice",
        "Bruno",
        "Chloé",
        "David",
        "Emma",
        "Farid",
        "Greta",
        "Hugo",
        "Inès",
        "Jonas",
        "Karin",
        "Louis",
        "Maya",
        "Nadia",
        "Oscar",
        "Paula",
        "Quentin",
        "Rosa",
        "Samir",
        "Tessa",
        "Ugo",
        "Vera",
        "Willem",
        "Xavier",
        "Yasmin",
        "Zoé",
        "Amir",
        "Bianca",
        "Carlos",
        "Dana",
        "Elif",
        "Felix",
        "Gianni",
        "Hanna",
        "Igor",
        "Julia",
        "Kofi",
        "Lena",
        "Marco",
        "Nora",
        "Omar",
        "Pia",
        "Rafael",
        "Sofia",
        "Tariq",
        "Uma",
        "Viktor",
        "Wanda",
    ];

    private static readonly string[] LastNames =
    [
        "Martin",
        "Nguyen",
        "Dubois",
        "Okafor",
        "Kowalski",
        "Rossi",
        "Lee",
        "Schmidt",
        "Petrov",
        "Alvarez",
        "Brooks",
        "Lindqvist",
        "Moreau",
        "Haddad",
        "Jensen",
        "Costa",
        "Novak",
        "Yilmaz",
        "Fischer",
        "Garcia",
        "Silva",
        "Ivanova",
        "Bakker",
        "Weber",
        "Laurent",
        "Santos",
        "Kim",
        "Müller",
        "Dupont",
        "Ferrari",
        "Horvat",
        "Andersen",
        "Popescu",
        "Nowak",
        "Khan",
        "Tanaka",
        "Ibrahim",
        "Larsen",
        "Mendes",
        "Varga",
    ];

    private static readonly string[] Words =
    [
        "the",
        "bike",
        "lane",
        "proposal",
        "budget",
        "meeting",
        "thursday",
        "park",
        "school",
        "bus",
        "line",
        "council",
        "vote",
        "garden",
        "market",
        "street",
        "lights",
        "square",
        "trees",
        "library",
        "youth",
        "club",
        "safety",
        "parking",
        "noise",
        "housing",
        "draft",
        "agenda",
        "thanks",
        "great",
        "idea",
        "maybe",
        "tomorrow",
        "we",
        "could",
        "should",
        "meet",
        "at",
        "near",
        "station",
        "about",
        "neighbours",
        "petition",
        "signatures",
    ];

    public async Task<bool> GenerateAsync(CancellationToken cancellationToken = default)
    {
        await using (var check = database.CreateCommand("SELECT count(*) FROM \"Participants\""))
        {
            if ((long)(await check.ExecuteScalarAsync(cancellationToken))! > 0)
            {
                log.WriteLine("The database already holds participants: nothing generated.");
                return false;
            }
        }

        var total = Stopwatch.StartNew();
        var rng = new Random(20261125);
        var conversations = PlanConversations(rng);
        var counts = PlanMessageCounts(rng, conversations);

        await using var connection = await database.OpenConnectionAsync(cancellationToken);
        // A bulk load: skip foreign-key triggers row by row (the data is consistent by construction), check after.
        await Exec(connection, "SET session_replication_role = replica", cancellationToken);
        await TimedAsync("participants", () => CopyParticipantsAsync(connection, cancellationToken));
        await TimedAsync("conversations and members", () =>
            CopyConversationsAsync(connection, rng, conversations, counts, cancellationToken)
        );
        await TimedAsync("messages", () =>
            CopyMessagesAsync(connection, rng, conversations, counts, cancellationToken)
        );
        await Exec(connection, "SET session_replication_role = origin", cancellationToken);
        await TimedAsync("heavy's sign-in", () => SetHeavyPasswordAsync(connection, cancellationToken));
        await TimedAsync("VACUUM ANALYZE", () => Exec(connection, "VACUUM (ANALYZE)", cancellationToken));
        log.WriteLine(
            $"Generated {shape.People:N0} participants, {shape.Conversations:N0} conversations and {counts.Sum(c => (long)c):N0} messages in {total.Elapsed.TotalSeconds:N1} s."
        );
        return true;
    }

    private async Task TimedAsync(string what, Func<Task> step)
    {
        var clock = Stopwatch.StartNew();
        await step();
        log.WriteLine($"  {what}: {clock.Elapsed.TotalSeconds:N1} s");
    }

    /// <summary>Each conversation's participants (indexes); index 0 is heavy.</summary>
    private int[][] PlanConversations(Random rng)
    {
        var plan = new int[shape.Conversations][];
        var pairs = new HashSet<long>();
        for (var c = 0; c < shape.HeavyConversations; c++)
        {
            plan[c] = c % Shape.TenPersonEvery == 0 ? [0, .. Distinct(rng, 9, exclude: 0)] : [0, c + 1];
            if (plan[c].Length == 2)
            {
                pairs.Add(PairKey(0, c + 1));
            }
        }

        for (var c = shape.HeavyConversations; c < shape.Conversations; c++)
        {
            if (c % Shape.TenPersonEvery == 0)
            {
                plan[c] = Distinct(rng, 10, exclude: 0);
                continue;
            }

            while (true)
            {
                // A few people are in many conversations, most in a few: pick the first one with a power-law skew.
                var a = 1 + (int)((shape.People - 1) * Math.Pow(rng.NextDouble(), 3));
                var b = 1 + rng.Next(shape.People - 1);
                if (a != b && pairs.Add(PairKey(a, b)))
                {
                    plan[c] = [a, b];
                    break;
                }
            }
        }

        return plan;
    }

    private int[] Distinct(Random rng, int count, int exclude)
    {
        var picked = new HashSet<int>();
        while (picked.Count < count)
        {
            var p = 1 + rng.Next(shape.People - 1);
            if (p != exclude)
            {
                picked.Add(p);
            }
        }

        return [.. picked];
    }

    private static long PairKey(int a, int b) => ((long)Math.Min(a, b) << 32) | (uint)Math.Max(a, b);

    private int[] PlanMessageCounts(Random rng, int[][] conversations)
    {
        var counts = new int[conversations.Length];
        var longFrom = shape.HeavyConversations;
        var fixedTotal =
            (long)shape.HeavyConversations * shape.HeavyMessagesPerConversation
            + (long)shape.LongConversations * shape.LongConversationMessages;
        var others = conversations.Length - shape.HeavyConversations - shape.LongConversations;
        var mean = (double)(shape.Messages - fixedTotal) / others;
        long total = 0;
        for (var c = 0; c < counts.Length; c++)
        {
            counts[c] =
                c < shape.HeavyConversations ? shape.HeavyMessagesPerConversation
                : c < longFrom + shape.LongConversations ? shape.LongConversationMessages
                : 1 + (int)Math.Min(2_000, -Math.Log(1 - rng.NextDouble()) * (mean - 1));
            total += counts[c];
        }

        // Bring the total to the exact number asked, one message at a time over the ordinary conversations.
        for (
            var c = longFrom + shape.LongConversations;
            total != shape.Messages;
            c = c + 1 < counts.Length ? c + 1 : longFrom + shape.LongConversations
        )
        {
            if (total < shape.Messages)
            {
                counts[c]++;
                total++;
            }
            else if (counts[c] > 1)
            {
                counts[c]--;
                total--;
            }
        }

        return counts;
    }

    private async Task CopyParticipantsAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var joined = DateTimeOffset.UtcNow.AddYears(-2);
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Participants" ("Id", "DisplayName", "Nickname", "About", "PictureVersion", "JoinedAt", "IsGroup", "AcceptsMessagesFromAnyone",
                                 "EmailConfirmed", "PhoneNumberConfirmed", "TwoFactorEnabled", "LockoutEnabled", "AccessFailedCount", "SecurityStamp")
            FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken
        );
        for (var i = 0; i < shape.People; i++)
        {
            await writer.StartRowAsync(cancellationToken);
            await writer.WriteAsync(Shape.PersonId(i), NpgsqlDbType.Uuid, cancellationToken);
            await writer.WriteAsync(
                i == 0
                    ? "Heavy User"
                    : $"{FirstNames[i % FirstNames.Length]} {LastNames[i / FirstNames.Length % LastNames.Length]}",
                NpgsqlDbType.Varchar,
                cancellationToken
            );
            await writer.WriteAsync(i == 0 ? Shape.HeavyNickname : $"p{i:D6}", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync("", NpgsqlDbType.Varchar, cancellationToken);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(joined.AddMinutes(i), NpgsqlDbType.TimestampTz, cancellationToken);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken); // EmailConfirmed: the bench's people write
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(false, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(true, NpgsqlDbType.Boolean, cancellationToken);
            await writer.WriteAsync(0, NpgsqlDbType.Integer, cancellationToken);
            await writer.WriteAsync(Guid.NewGuid().ToString("N"), NpgsqlDbType.Text, cancellationToken);
        }

        await writer.CompleteAsync(cancellationToken);
    }

    private async Task CopyConversationsAsync(
        NpgsqlConnection connection,
        Random rng,
        int[][] conversations,
        int[] counts,
        CancellationToken cancellationToken
    )
    {
        await using (
            var writer = await connection.BeginBinaryImportAsync(
                """
                COPY "Conversations" ("Id", "ParticipantKey", "StartedAt", "LastActivityAt", "LastSeq") FROM STDIN (FORMAT BINARY)
                """,
                cancellationToken
            )
        )
        {
            for (var c = 0; c < conversations.Length; c++)
            {
                var (started, last) = Times(c, counts[c], now);
                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(Shape.ConversationId(c), NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync(
                    Domain.Messaging.Conversation.KeyOf(conversations[c].Select(Shape.PersonId)),
                    NpgsqlDbType.Varchar,
                    cancellationToken
                );
                await writer.WriteAsync(started, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync(last, NpgsqlDbType.TimestampTz, cancellationToken);
                await writer.WriteAsync((long)counts[c], NpgsqlDbType.Bigint, cancellationToken);
            }

            await writer.CompleteAsync(cancellationToken);
        }

        await using var members = await connection.BeginBinaryImportAsync(
            """
            COPY "ConversationMembers" ("ConversationId", "ParticipantId", "LastReadSeq", "LastSeq", "LastActivityAt", "NotifiedSeq") FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken
        );
        for (var c = 0; c < conversations.Length; c++)
        {
            var last = Times(c, counts[c], now).Last;
            foreach (var person in conversations[c])
            {
                // Most conversations are read; some have a few unread messages.
                var unread = rng.Next(10) == 0 ? Math.Min(counts[c], 1 + rng.Next(3)) : 0;
                await members.StartRowAsync(cancellationToken);
                await members.WriteAsync(Shape.ConversationId(c), NpgsqlDbType.Uuid, cancellationToken);
                await members.WriteAsync(Shape.PersonId(person), NpgsqlDbType.Uuid, cancellationToken);
                await members.WriteAsync((long)(counts[c] - unread), NpgsqlDbType.Bigint, cancellationToken);
                await members.WriteAsync((long)counts[c], NpgsqlDbType.Bigint, cancellationToken);
                await members.WriteAsync(last, NpgsqlDbType.TimestampTz, cancellationToken);
                // What the product holds after its email pass ran: an old unread message was mailed about long ago
                // (as the migration that brought emails settled existing rows); nothing waits for an email. The bench
                // makes a backlog on purpose where it measures one.
                await members.WriteAsync(unread > 0 ? (long)counts[c] : 0L, NpgsqlDbType.Bigint, cancellationToken);
            }
        }

        await members.CompleteAsync(cancellationToken);
    }

    private async Task CopyMessagesAsync(
        NpgsqlConnection connection,
        Random rng,
        int[][] conversations,
        int[] counts,
        CancellationToken cancellationToken
    )
    {
        var body = new StringBuilder();
        await using var writer = await connection.BeginBinaryImportAsync(
            """
            COPY "Messages" ("ConversationId", "Seq", "SenderId", "Body", "SentAt") FROM STDIN (FORMAT BINARY)
            """,
            cancellationToken
        );
        for (var c = 0; c < conversations.Length; c++)
        {
            var (started, last) = Times(c, counts[c], now);
            var step = counts[c] == 1 ? TimeSpan.Zero : (last - started) / (counts[c] - 1);
            var id = Shape.ConversationId(c);
            for (var seq = 1; seq <= counts[c]; seq++)
            {
                body.Clear();
                var words = 3 + rng.Next(25);
                for (var w = 0; w < words; w++)
                {
                    body.Append(w == 0 ? "" : " ").Append(Words[rng.Next(Words.Length)]);
                }

                await writer.StartRowAsync(cancellationToken);
                await writer.WriteAsync(id, NpgsqlDbType.Uuid, cancellationToken);
                await writer.WriteAsync((long)seq, NpgsqlDbType.Bigint, cancellationToken);
                await writer.WriteAsync(
                    Shape.PersonId(conversations[c][rng.Next(conversations[c].Length)]),
                    NpgsqlDbType.Uuid,
                    cancellationToken
                );
                await writer.WriteAsync(body.ToString(), NpgsqlDbType.Text, cancellationToken);
                await writer.WriteAsync(
                    seq == counts[c] ? last : started + step * (seq - 1),
                    NpgsqlDbType.TimestampTz,
                    cancellationToken
                );
            }
        }

        await writer.CompleteAsync(cancellationToken);
    }

    /// <summary>When a conversation started and when its last message came: spread over the last year, deterministic per conversation.</summary>
    private static (DateTimeOffset Started, DateTimeOffset Last) Times(
        int conversation,
        int messages,
        DateTimeOffset now
    )
    {
        var rng = new Random(conversation);
        var last = now.AddSeconds(-rng.Next(365 * 24 * 3600));
        var started = last.AddMinutes(-Math.Min(messages, 1 + rng.Next(60 * 24 * 30)));
        return (started, last);
    }

    private static async Task SetHeavyPasswordAsync(NpgsqlConnection connection, CancellationToken cancellationToken)
    {
        var hash = new PasswordHasher<Participant>().HashPassword(new Participant(), Shape.HeavyPassword);
        await using var command = new NpgsqlCommand(
            """
            UPDATE "Participants" SET "Email" = @email, "NormalizedEmail" = upper(@email), "UserName" = @email, "NormalizedUserName" = upper(@email),
                   "PasswordHash" = @hash WHERE "Nickname" = 'heavy'
            """,
            connection
        );
        command.Parameters.AddWithValue("email", Shape.HeavyEmail);
        command.Parameters.AddWithValue("hash", hash);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static async Task Exec(NpgsqlConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection) { CommandTimeout = 0 };
        await command.ExecuteNonQueryAsync(cancellationToken);
    }
}
