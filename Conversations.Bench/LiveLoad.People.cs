using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using Conversations.Bench.Generation;
using Conversations.Domain.Participants;
using Microsoft.AspNetCore.Identity;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The live load's people: accounts of the data set given a sign-in, their cookies, and whom each writes to.</summary>
public static partial class LiveLoad
{
    /// <summary>
    /// The first <paramref name="count"/> people of the data set get a sign-in (one password hash for all, computed once):
    /// <c>load{i}@bench.example</c>. Idempotent.
    /// </summary>
    private static async Task<List<Guid>> PrepareAccountsAsync(NpgsqlDataSource sql, int count)
    {
        var ids = Enumerable.Range(1, count).Select(Shape.PersonId).ToList();
        await using (
            var check = sql.CreateCommand(
                """SELECT count(*) FROM "Participants" WHERE "Id" = ANY($1) AND "Email" LIKE 'load%@bench.example'"""
            )
        )
        {
            check.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
            if ((long)(await check.ExecuteScalarAsync())! == count)
            {
                return ids;
            }
        }

        var hash = new PasswordHasher<Participant>().HashPassword(new Participant(), LoadPassword);
        await using var update = sql.CreateCommand(
            """
            UPDATE "Participants" p SET "Email" = e.email, "NormalizedEmail" = upper(e.email), "UserName" = e.email, "NormalizedUserName" = upper(e.email),
                   "PasswordHash" = $2, "EmailConfirmed" = true
              FROM (SELECT id, 'load' || ordinality || '@bench.example' AS email FROM unnest($1::uuid[]) WITH ORDINALITY AS t(id, ordinality)) e
             WHERE p."Id" = e.id
            """
        );
        update.Parameters.Add(new NpgsqlParameter { Value = ids.ToArray() });
        update.Parameters.Add(new NpgsqlParameter { Value = hash });
        await update.ExecuteNonQueryAsync();
        return ids;
    }

    /// <summary>Cookies from the real log-in form, kept between runs (signing 5,000 people in costs minutes of hashing).</summary>
    private static async Task<Dictionary<Guid, string>> SignInAsync(
        ServerProcess server,
        List<Guid> people,
        string cacheFile
    )
    {
        var cookies = File.Exists(cacheFile)
            ? File.ReadAllLines(cacheFile)
                .Select(l => l.Split('\t'))
                .Where(p => p.Length == 2)
                .ToDictionary(p => Guid.Parse(p[0]), p => p[1])
            : [];
        if (cookies.Count > 0 && !await StillSignedInAsync(server, cookies.First().Value))
        {
            cookies.Clear(); // a new data set or new keys: sign in again
        }

        var missing = people
            .Where(p => !cookies.ContainsKey(p))
            .Select(p => (Id: p, Email: $"load{people.IndexOf(p) + 1}@bench.example"))
            .ToList();
        if (missing.Count > 0)
        {
            Console.WriteLine(
                $"Signing {missing.Count:N0} participants in through the log-in form (kept for later runs)…"
            );
            var clock = Stopwatch.StartNew();
            var signedIn = new ConcurrentDictionary<Guid, string>();
            await Parallel.ForEachAsync(
                missing,
                new ParallelOptions { MaxDegreeOfParallelism = 4 },
                async (person, _) => signedIn[person.Id] = await server.SignInAsync(person.Email, LoadPassword)
            );
            foreach (var (id, cookie) in signedIn)
            {
                cookies[id] = cookie;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(cacheFile))!);
            await File.WriteAllLinesAsync(cacheFile, cookies.Select(c => $"{c.Key}\t{c.Value}"));
            Console.WriteLine($"  {missing.Count:N0} sign-ins in {clock.Elapsed.TotalSeconds:0} s");
        }

        return cookies;
    }

    private static async Task<bool> StillSignedInAsync(ServerProcess server, string cookie)
    {
        using var client = server.Client();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/conversations");
        request.Headers.Add("Cookie", cookie);
        using var response = await client.SendAsync(request);
        return response.StatusCode == HttpStatusCode.OK;
    }

    /// <summary>For each connected person, one conversation of theirs and another member to write in it.</summary>
    private static async Task<List<Target>> TargetsAsync(NpgsqlDataSource sql, List<Guid> people)
    {
        var chosen = new List<(Guid Conversation, Guid Sender)>();
        await using (
            var command = sql.CreateCommand(
                $"""
                SELECT DISTINCT ON (m."ParticipantId") m."ConversationId", o."ParticipantId"
                  FROM "ConversationMembers" m
                  JOIN "ConversationMembers" o ON o."ConversationId" = m."ConversationId" AND o."ParticipantId" <> m."ParticipantId"
                  JOIN "Participants" s ON s."Id" = o."ParticipantId" AND {LivePerson.Sql("s")}
                 WHERE m."ParticipantId" = ANY($1)
                 ORDER BY m."ParticipantId", m."ConversationId"
                """
            )
        )
        {
            command.Parameters.Add(new NpgsqlParameter { Value = people.ToArray() });
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                chosen.Add((reader.GetGuid(0), reader.GetGuid(1)));
            }
        }

        var members = new Dictionary<Guid, List<Guid>>();
        await using (
            var command = sql.CreateCommand(
                """SELECT "ConversationId", "ParticipantId" FROM "ConversationMembers" WHERE "ConversationId" = ANY($1)"""
            )
        )
        {
            command.Parameters.Add(
                new NpgsqlParameter { Value = chosen.Select(c => c.Conversation).Distinct().ToArray() }
            );
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync())
            {
                (members.TryGetValue(reader.GetGuid(0), out var list) ? list : members[reader.GetGuid(0)] = []).Add(
                    reader.GetGuid(1)
                );
            }
        }

        return chosen
            .Distinct()
            .Select(c => new Target(
                c.Conversation,
                c.Sender,
                members[c.Conversation].Where(m => m != c.Sender).ToList()
            ))
            .ToList();
    }
}
