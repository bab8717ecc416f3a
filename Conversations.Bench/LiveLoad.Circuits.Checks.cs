using System.Globalization;
using Conversations.Bench.Circuits;
using Conversations.Domain.Common;
using Conversations.Domain.Groups;
using Conversations.Domain.Messaging;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Playwright;
using Npgsql;

namespace Conversations.Bench;

/// <summary>The circuit load's cross-check against Chromium, its morning rush, and the people and pages it uses.</summary>
public static partial class LiveLoad
{
    /// <summary>
    /// The same pages for the same people, first as Chromium tabs, then as <see cref="BlazorCircuit"/>s: the server's
    /// memory per window and the badge's latency must agree within 20 % for the client's rows to stand for browsers.
    /// </summary>
    private static async Task CrossCheckAsync(CircuitRun run, TextWriter report)
    {
        var people = run
            .People.Skip(100)
            .Where(p => run.Targets.Any(t => t.Members.Contains(p)))
            .Take(CrossCheckWindows)
            .ToList();
        var before = await HeapAsync(run);
        var tabs = new List<(Guid Person, IBrowserContext Context, IPage Page)>();
        foreach (var person in people)
        {
            var context = await run.Browser.NewContextAsync(new() { BaseURL = run.Server.PublicUrl });
            context.SetDefaultTimeout(60_000);
            await context.AddCookiesAsync(BrowserCookies(run.Cookies[person]));
            // What the page tells the app icon, with the wall clock: the same signal the circuit client reads.
            await context.AddInitScriptAsync(
                """
                window.__badges = [];
                const record = n => { window.__badges.push([Date.now(), n]); return Promise.resolve(); };
                Object.defineProperty(Navigator.prototype, 'setAppBadge', { value: n => record(n), configurable: true });
                Object.defineProperty(Navigator.prototype, 'clearAppBadge', { value: () => record(0), configurable: true });
                """
            );
            var page = await context.NewPageAsync();
            await page.GotoAsync("/conversations");
            await page.WaitForFunctionAsync(
                "() => window.__badges.length > 0",
                null,
                new() { PollingInterval = 50, Timeout = 60_000 }
            );
            tabs.Add((person, context, page));
        }

        var tabLatencies = await BadgeLatenciesAsync(run, people, async () =>
        {
            var shown = new Dictionary<Guid, IReadOnlyList<(double UnixMs, int Count)>>();
            foreach (var (person, _, page) in tabs)
            {
                var badges = await page.EvaluateAsync<double[][]>("() => window.__badges");
                shown[person] = badges.Select(b => (b[0], (int)b[1])).ToList();
            }

            return shown;
        });
        // Measured once messages have flowed, as the circuits' rows are: each page has rendered again by then.
        var withTabs = await HeapAsync(run);
        Console.WriteLine($"  cross-check: {tabs.Count} Chromium tabs measured");
        foreach (var (_, context, page) in tabs)
        {
            // The page leaves: blazor.web.js tells the server on "pagehide" that its circuit is done. A closing headless
            // tab often goes before its beacon does (and then the server keeps the circuit for its retention period, as it
            // does for a real phone's tab that was killed), so the event is raised first, as a real leaving does.
            var open = await run.Server.GaugeAsync(CircuitGauge);
            for (var attempt = 0; attempt < 3 && await run.Server.GaugeAsync(CircuitGauge) >= open; attempt++)
            {
                await page.EvaluateAsync("() => window.dispatchEvent(new PageTransitionEvent('pagehide'))");
                await WaitAsync(
                    async () => await run.Server.GaugeAsync(CircuitGauge) < open,
                    TimeSpan.FromSeconds(5),
                    orNot: true
                );
            }

            await context.CloseAsync();
        }

        var afterTabs = await HeapAsync(run);
        var circuits = new List<Client>();
        foreach (var person in people)
        {
            circuits.Add(await OpenAsync(run, person, "/conversations", CancellationToken.None));
        }

        var circuitLatencies = await BadgeLatenciesAsync(run, people, () =>
            Task.FromResult(
                circuits.ToDictionary(c => c.Person, c => (IReadOnlyList<(double, int)>)c.Circuit!.Badges())
            )
        );
        var withCircuits = await HeapAsync(run);
        Console.WriteLine($"  cross-check: {circuits.Count} circuit clients measured");
        await CloseAllAsync(run, circuits);

        // What a tab holds on the server that a circuit client does not (or less of), largest first.
        var circuitGrowth = withCircuits.Dump!.GrowthSince(afterTabs.Dump!, circuits.Count).ToDictionary(t => t.Type);
        foreach (
            var (type, bytes, count) in withTabs
                .Dump!.GrowthSince(before.Dump!, tabs.Count)
                .Select(t =>
                    (
                        t.Type,
                        t.Bytes - circuitGrowth.GetValueOrDefault(t.Type).Bytes,
                        t.Count - circuitGrowth.GetValueOrDefault(t.Type).Count
                    )
                )
                .OrderByDescending(t => Math.Abs(t.Item2))
                .Take(12)
        )
        {
            Console.WriteLine($"  tab − circuit client: {bytes, 8:N0} B {count, 6:0.#}  {type}");
        }

        var tabKb = (withTabs.Live - before.Live) / 1024.0 / tabs.Count;
        var circuitKb = (withCircuits.Live - afterTabs.Live) / 1024.0 / circuits.Count;
        var (tabTiming, circuitTiming) = (Measure.Summarize(tabLatencies), Measure.Summarize(circuitLatencies));
        static string Agree(double a, double b) => Math.Abs(a - b) <= 0.2 * Math.Max(a, b) ? "yes" : "NO";
        var (memory, p50, p99) = (
            Agree(tabKb, circuitKb),
            Agree(tabTiming.Median, circuitTiming.Median),
            Agree(tabTiming.P99, circuitTiming.P99)
        );
        report.WriteLine(
            string.Create(
                CultureInfo.InvariantCulture,
                $"""

                The circuit client against Chromium ({people.Count} inbox windows of the same people, one after the other; {tabLatencies.Count} badges each):
                | | Chromium tabs | circuit client | agree within 20 % |
                |---|---|---|---|
                | server managed heap per window | {tabKb:0} KB | {circuitKb:0} KB | {memory} |
                | badge latency p50 (commit → badge shown) | {tabTiming.Median:0.0} ms | {circuitTiming.Median:0.0} ms | {p50} |
                | badge latency p99 | {tabTiming.P99:0.0} ms | {circuitTiming.P99:0.0} ms | {p99} |
                """
            )
        );
    }

    /// <summary>Writes one message at a time to the people's conversations and reads, from each window's badge history, how long each took to show.</summary>
    private static async Task<List<double>> BadgeLatenciesAsync(
        CircuitRun run,
        List<Guid> people,
        Func<Task<Dictionary<Guid, IReadOnlyList<(double UnixMs, int Count)>>>> badges
    )
    {
        var reply = run.Domain.GetRequiredService<Reply>();
        var counts = (await badges()).ToDictionary(b => b.Key, b => b.Value[^1].Count);
        var expected = new List<(Guid Person, int Count, double At)>();
        for (var i = 0; i < people.Count * 2; i++)
        {
            var target = run.Targets.First(t => t.Members.Contains(people[i % people.Count]));
            var sent = await reply.HandleAsync(
                new ReplyCommand(
                    Actor.Person(target.Sender),
                    new ConversationId(target.Conversation),
                    $"cross-check {i}"
                )
            );
            var at = DateTime.UtcNow.Subtract(DateTime.UnixEpoch).TotalMilliseconds;
            if (!sent.Succeeded)
            {
                throw new InvalidOperationException($"the cross-check's message {i} was refused");
            }

            foreach (var member in target.Members.Where(counts.ContainsKey))
            {
                expected.Add((member, ++counts[member], at));
            }

            await Task.Delay(100); // ten a second: each badge on its own, as a person sees one message
        }

        var shown = await badges();
        await WaitAsync(
            async () => (shown = await badges()).All(b => b.Value[^1].Count >= counts[b.Key]),
            TimeSpan.FromSeconds(30)
        );
        return expected
            .Select(e => shown[e.Person].First(b => b.Count >= e.Count).UnixMs - e.At)
            .Select(l => Math.Max(0, l))
            .ToList();
    }

    /// <summary>The conversation each person's second window shows: one with nothing unread that no sender of the load writes in.</summary>
    private static async Task<Dictionary<Guid, Guid>> ConversationPagesAsync(
        NpgsqlDataSource sql,
        List<Guid> people,
        IEnumerable<Guid> written
    )
    {
        await using var command = sql.CreateCommand(
            """
            SELECT DISTINCT ON (m."ParticipantId") m."ParticipantId", m."ConversationId"
              FROM "ConversationMembers" m
             WHERE m."ParticipantId" = ANY($1) AND m."ConversationId" <> ALL($2) AND m."LastReadSeq" = m."LastSeq"
             ORDER BY m."ParticipantId", m."LastActivityAt" DESC
            """
        );
        command.Parameters.Add(new NpgsqlParameter { Value = people.ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = written.Distinct().ToArray() });
        var pages = new Dictionary<Guid, Guid>();
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            pages[reader.GetGuid(0)] = reader.GetGuid(1);
        }

        return pages;
    }

    /// <summary>
    /// A 10-person conversation of the load's first ten people, and a group with 50 of them as managers that another
    /// writes to — started through the use cases (and their requests accepted), the group's managers given their role.
    /// </summary>
    private static async Task<(Target Wide, Target Group)> WideConversationsAsync(
        IServiceProvider domain,
        NpgsqlDataSource sql,
        List<Guid> people
    )
    {
        var start = domain.GetRequiredService<StartConversation>();
        var answer = domain.GetRequiredService<AnswerRequest>();
        var (writer, others) = (people[0], people.Skip(1).Take(9).ToList());
        var wide = await start.HandleAsync(
            new StartConversationCommand(Actor.Person(writer), others, "Good morning, all ten of us")
        );
        var wideId = new ConversationId(Succeeded(wide, "the wide conversation").ConversationId);
        foreach (var other in others)
        {
            await answer.HandleAsync(Actor.Person(other), wideId, RequestAnswer.Accept);
        }

        var (creator, admins, asker) = (people[10], people.Skip(11).Take(49).ToList(), people[60]);
        await using var find = sql.CreateCommand("""SELECT "Id" FROM "Participants" WHERE "Nickname" = 'benchwide'""");
        var groupId = await find.ExecuteScalarAsync() as Guid?;
        if (groupId is null)
        {
            var created = await domain
                .GetRequiredService<CreateGroup>()
                .HandleAsync(new CreateGroupCommand(creator, "Bench wide group", "benchwide", "Fifty managers"));
            groupId = Succeeded(created, "the wide group").Id;
        }

        await using (
            var roles = sql.CreateCommand(
                """
                INSERT INTO "GroupMembers" ("GroupId", "MemberId", "Role", "JoinedAt")
                SELECT $1, m, 'Admin', now() FROM unnest($2::uuid[]) m ON CONFLICT DO NOTHING
                """
            )
        )
        {
            roles.Parameters.Add(new NpgsqlParameter { Value = groupId.Value });
            roles.Parameters.Add(new NpgsqlParameter { Value = admins.ToArray() });
            await roles.ExecuteNonQueryAsync();
        }

        var toGroup = await start.HandleAsync(
            new StartConversationCommand(Actor.Person(asker), [groupId.Value], "A question for the association")
        );
        var groupConversation = new ConversationId(Succeeded(toGroup, "the group's conversation").ConversationId);
        await answer.HandleAsync(
            Actor.ManagerOf(new GroupId(groupId.Value), new PersonId(creator)),
            groupConversation,
            RequestAnswer.Accept
        );
        return (
            new Target(wideId.Value, writer, others),
            new Target(groupConversation.Value, asker, [creator, .. admins])
        );
    }

    private static T Succeeded<T>(Result<T> result, string what) =>
        result.Succeeded ? result.Value : throw new InvalidOperationException($"{what}: {result.Problem}");

    private static IEnumerable<Microsoft.Playwright.Cookie> BrowserCookies(string header) =>
        header
            .Split("; ")
            .Select(c => c.Split('=', 2))
            .Select(c => new Microsoft.Playwright.Cookie
            {
                Name = c[0],
                Value = c[1],
                Domain = "127.0.0.1",
                Path = "/",
            });
}
